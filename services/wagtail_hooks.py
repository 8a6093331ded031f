from .wagtail_hooks_volunteering import *  # noqa
