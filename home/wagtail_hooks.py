from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .community_scope import (
    CommunityScopedViewSetMixin,
    above_scoped_homes_q,
    declares_scope,
    in_scope,
    page_in_scope,
    scoped_pages_q,
    sees_every_community,
)
from .models import Community, CommunityStaff, Compound, OwnersCommittee, PropertyFirm


class CityLevelPolicy(ModelPermissionPolicy):
    """Who works for which community is decided above the communities: a community editor
    must not list themselves under another one."""

    def user_has_permission(self, user, action):
        return sees_every_community(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(CommunityStaff, CityLevelPolicy(CommunityStaff))


class CommunityPolicy(ModelPermissionPolicy):
    """A community's staff edit their community; adding or removing one is the city's."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete", "copy"} and not sees_every_community(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Community, CommunityPolicy(Community))


class CommunityPagePermissionPolicy(PagePermissionPolicy):
    """Page listings that ask the policy (admin page search, reports, "pages I may edit"...)
    hold only the user's communities' pages, plus the pages above their homes for the explorer.

    The role permissions stay on the root page: Wagtail's page permissions reach a whole
    subtree, and the other communities' homes are nested in the default community's home
    (home/communities.py), so no GroupPagePermission could give 回风亭's staff their home
    without 双燕's and 新华's. The scope narrows the role's permissions instead, here, in the
    page hooks below and in `PageScopeMiddleware` (a 404 for a page URL outside).
    """

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return pages if sees_every_community(user) else pages.filter(scoped_pages_q(user))

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if sees_every_community(user):
            return pages
        return pages.filter(scoped_pages_q(user) | above_scoped_homes_q(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return page_in_scope(user, instance) and super().user_has_any_permission_for_instance(
            user, actions, instance
        )


register_permission_policy(Page, CommunityPagePermissionPolicy(Page))


class CommunityViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = Community
    icon = "site"
    list_display = ["name", "district", "subdistrict"]
    search_fields = ["name"]


class CompoundViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = Compound
    icon = "home"
    list_display = ["name", "community", "property_firm", "households", "committee_status"]
    list_filter = ["community", "committee_status", "has_service_station"]
    search_fields = ["name", "address"]


class PropertyFirmViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = PropertyFirm
    icon = "group"
    list_display = ["name", "community", "phone", "has_party_organisation"]
    list_filter = ["community", "has_party_organisation"]
    search_fields = ["name"]


class OwnersCommitteeViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = OwnersCommittee
    icon = "user"
    list_display = ["name", "compound", "term_ends"]
    search_fields = ["name"]


class CommunityStaffViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = CommunityStaff
    icon = "user"
    list_display = ["user", "community"]
    list_filter = ["community"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        CommunityViewSet,
        CompoundViewSet,
        PropertyFirmViewSet,
        OwnersCommitteeViewSet,
        CommunityStaffViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("construct_homepage_panels")
def overdue_panel(request, panels):
    """Everything overdue that this editor may act on, from every app's `overdue_items` hook."""
    from .overdue_panel import OverduePanel

    panels.append(OverduePanel(request.user))


# Pages: a community's staff work on the pages under their community's home page. The page
# permissions stay those of the roles (on the root page); these hooks narrow them to the subtree
# and answer 404 outside it, as the snippet views do.


def _page_404(request, page, *destination):
    for each in (page, *destination):
        if not page_in_scope(request.user, each):
            raise Http404


for _hook in (
    "before_edit_page",
    "before_delete_page",
    "before_move_page",
    "before_unpublish_page",
    "before_convert_alias_page",
):
    hooks.register(_hook, _page_404)


@hooks.register("before_copy_page")
def _copy_in_scope(request, page):
    """The copied page and, when the form is sent, the parent it is copied under."""
    _page_404(request, page)
    parent_id = request.POST.get("new_parent_page", "")
    if parent_id.isdigit():
        parent = Page.objects.filter(pk=parent_id).first()
        if parent is not None:
            _page_404(request, parent)


@hooks.register("before_create_page")
def _create_in_scope(request, parent_page, page_class):
    _page_404(request, parent_page)


@hooks.register("construct_explorer_page_queryset")
def _explorer_in_scope(parent_page, pages, request):
    if sees_every_community(request.user):
        return pages
    return pages.filter(scoped_pages_q(request.user))


@hooks.register("construct_page_chooser_queryset")
def _chooser_in_scope(pages, request):
    if sees_every_community(request.user):
        return pages
    return pages.filter(scoped_pages_q(request.user))


@hooks.register("before_bulk_action")
def _bulk_action_in_scope(request, action_type, objects, action_class_instance):
    """Bulk delete, publish... of pages or snippets: all in the user's communities, else 404."""
    for obj in objects:
        if isinstance(obj, Page):
            _page_404(request, obj)
        elif declares_scope(type(obj)) and not in_scope(request.user, obj):
            raise Http404
