from wagtail import hooks

from . import home_panels

hooks.register("home_page_panels", home_panels.notices_panel)
