"""The cases admin: staff views and menu, the dashboard panel, categories and team snippets."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.community_scope import CommunityScopedViewSetMixin

from . import admin_views
from .access import cases_visible_to, is_case_staff, is_firm_contact
from .models import CaseCategory, CaseStatus, CaseTeamMember, FirmContact

admin_urls = [
    path("", admin_views.CaseListView.as_view(), name="list"),
    path("export/", admin_views.export_csv, name="export"),
    path("<int:pk>/", admin_views.CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/reporters/", admin_views.ReportersView.as_view(), name="reporters"),
    path("photos/<int:pk>/", admin_views.photo, name="photo"),
    path("work-orders/", admin_views.WorkOrderListView.as_view(), name="work_orders"),
    path("work-orders/<int:pk>/", admin_views.WorkOrderView.as_view(), name="work_order"),
]


@hooks.register("register_admin_urls")
def register_case_urls():
    return [path("cases/", include((admin_urls, "cases_admin")))]


class CaseStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_case_staff(request.user)


class FirmContactMenuItem(MenuItem):
    def is_shown(self, request):
        return is_firm_contact(request.user)


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CaseStaffMenuItem(
        _("Residents' reports"), reverse("cases_admin:list"), icon_name="warning", order=240
    )


@hooks.register("register_admin_menu_item")
def register_work_orders_menu_item():
    return FirmContactMenuItem(
        _("Work orders"), reverse("cases_admin:work_orders"), icon_name="doc-full", order=241
    )


class CasesPanel(Component):
    """Open, overdue and not-yet-accepted cases of the user's communities, on the dashboard."""

    name = "cases"
    order = 90
    template_name = "cases/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        cases = cases_visible_to(self.user)
        return {
            "open_count": cases.open().count(),
            "overdue_count": cases.overdue(timezone.now()).count(),
            "unaccepted_count": cases.filter(status=CaseStatus.RECEIVED).count(),
        }


@hooks.register("construct_homepage_panels")
def add_cases_panel(request, panels):
    if is_case_staff(request.user):
        panels.append(CasesPanel(request.user))


class CaseCategoryViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = CaseCategory
    icon = "tag"
    list_display = ["name", "sort_order", "active", "accept_within_hours", "resolve_within_days"]


class CaseTeamMemberViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = CaseTeamMember
    icon = "group"
    list_display = ["user", "community"]


class FirmContactViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = FirmContact
    icon = "user"
    list_display = ["user", "firm"]


class CasesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Reports set-up")
    menu_icon = "cog"
    items = (CaseCategoryViewSet, CaseTeamMemberViewSet, FirmContactViewSet)


register_snippet(CasesViewSetGroup)


@hooks.register("community_memberships")
def case_team_communities(user):
    """A community's case team works for that community (home/community_scope.py)."""
    return CaseTeamMember.objects.filter(user=user).values_list("community_id", flat=True)
