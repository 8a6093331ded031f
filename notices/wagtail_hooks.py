from wagtail import hooks

from . import home_panels
from .models.directory_pages import compound_index_page

hooks.register("home_page_panels", home_panels.notices_panel)
hooks.register("directory_index_page", compound_index_page)
