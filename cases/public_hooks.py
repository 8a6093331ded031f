"""The residents' side's panels on other apps' pages, registered as those apps' hooks.

Imported by CasesConfig.ready(): the compound page (notices), the firm's performance record
(rankings) and the home page name none of this; they collect whatever registered.
"""

from wagtail import hooks

from . import panels

hooks.register("compound_page_panels", panels.compound_panel)
hooks.register("firm_profile_panels", panels.firm_panel)
hooks.register("home_page_panels", panels.home_panel)
