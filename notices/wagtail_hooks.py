from wagtail import hooks

from . import accountability, home_panels
from .models.directory_pages import compound_index_page

hooks.register("home_page_panels", home_panels.notices_panel)
hooks.register("directory_index_page", compound_index_page)
hooks.register("overdue_items", accountability.overdue_follow_ups)
hooks.register("achievement_figures", accountability.follow_up_figures)
hooks.register("city_figures", accountability.city_figures)
