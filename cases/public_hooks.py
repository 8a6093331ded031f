"""The residents' side's panels on other apps' pages, registered as those apps' hooks.

Imported by CasesConfig.ready(): the compound page (notices), the firm's performance record
(rankings) and the home page name none of this; they collect whatever registered. The
follow-up tracker and meeting page (notices) link a follow-up item back to the case it came
from through `follow_up_item_origins`.
"""

from wagtail import hooks

from . import figures, meetings, panels

hooks.register("compound_page_panels", panels.compound_panel)
hooks.register("firm_profile_panels", panels.firm_panel)
hooks.register("home_page_panels", panels.home_panel)
hooks.register("follow_up_item_origins", meetings.follow_up_origins)
hooks.register("achievement_figures", figures.achievement_figures)
hooks.register("city_figures", figures.city_figures)
