from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Community, Compound, OwnersCommittee, PropertyFirm


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "site"
    list_display = ["name", "district", "subdistrict"]
    search_fields = ["name"]


class CompoundViewSet(SnippetViewSet):
    model = Compound
    icon = "home"
    list_display = ["name", "community", "property_firm", "households", "committee_status"]
    list_filter = ["community", "committee_status", "has_service_station"]
    search_fields = ["name", "address"]


class PropertyFirmViewSet(SnippetViewSet):
    model = PropertyFirm
    icon = "group"
    list_display = ["name", "community", "phone", "has_party_organisation"]
    list_filter = ["community", "has_party_organisation"]
    search_fields = ["name"]


class OwnersCommitteeViewSet(SnippetViewSet):
    model = OwnersCommittee
    icon = "user"
    list_display = ["name", "compound", "term_ends"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (CommunityViewSet, CompoundViewSet, PropertyFirmViewSet, OwnersCommitteeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("construct_homepage_panels")
def overdue_panel(request, panels):
    """Everything overdue that this editor may act on, from every app's `overdue_items` hook."""
    from .overdue_panel import OverduePanel

    panels.append(OverduePanel(request.user))
