from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.community_scope import CommunityScopedViewSetMixin
from home.generation import derived

from . import accountability, accountability_views, home_panels, import_views, month_admin, views
from .models import Criterion, EvidencePhoto, ManagementGroup, RankingMonthPage, ServicePeriod
from .models.pages import firm_index_page


@hooks.register("register_admin_urls")
def register_score_urls():
    return [
        path("rankings/", month_admin.MonthListView.as_view(), name="rankings_months"),
        path("rankings/new/", month_admin.NewMonthView.as_view(), name="rankings_new_month"),
        path(
            "rankings/<id:page_id>/scores/", views.ScoreGridView.as_view(), name="rankings_scores"
        ),
        path(
            "rankings/<id:page_id>/import/",
            import_views.ImportView.as_view(),
            name="rankings_import",
        ),
        path(
            "rankings/<id:page_id>/import/confirm/",
            import_views.ConfirmImportView.as_view(),
            name="rankings_import_confirm",
        ),
        path(
            "rankings/<id:page_id>/template.<str:fmt>",
            views.TemplateDownloadView.as_view(),
            name="rankings_template",
        ),
        path(
            "rankings/<id:page_id>/correct/",
            views.CorrectionView.as_view(),
            name="rankings_correct",
        ),
        path(
            "rankings/<id:page_id>/corrections/<id:correction_id>/<str:decision>/",
            views.CorrectionDecisionView.as_view(),
            name="rankings_correction_decision",
        ),
        path(
            "rankings/recommendations/",
            accountability_views.RecommendationListView.as_view(),
            name="rankings_recommendations",
        ),
        path(
            "rankings/recommendations/<id:rec_id>/",
            accountability_views.RecommendationView.as_view(),
            name="rankings_recommendation",
        ),
        path(
            "rankings/red-black/",
            accountability_views.RedBlackListView.as_view(),
            name="rankings_red_black",
        ),
        path(
            "rankings/red-black/<id:entry_id>/",
            accountability_views.RedBlackEntryView.as_view(),
            name="rankings_red_black_entry",
        ),
    ]


class ScoresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("rankings.change_firmassessment")


@hooks.register("register_admin_menu_item")
def register_scores_menu_item():
    return ScoresMenuItem(
        _("Monthly scores"), reverse("rankings_months"), icon_name="table", order=310
    )


@hooks.register("register_page_header_buttons")
def scores_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, RankingMonthPage) and user.has_perm(
        "rankings.change_firmassessment"
    ):
        yield Button(
            _("Scores"), reverse("rankings_scores", args=[page.pk]), icon_name="table", priority=5
        )


@hooks.register("after_create_page")
def freeze_criteria_of_new_month(request, page):
    """A new month takes a copy of today's active criteria at once."""
    if isinstance(page.specific_deferred, RankingMonthPage):
        page.specific_deferred.freeze_criteria()


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_recommendations_menu_item():
    return PermissionMenuItem(
        _("Replacement recommendations"),
        reverse("rankings_recommendations"),
        icon_name="tasks",
        order=311,
        permission="rankings.view_recommendation",
    )


@hooks.register("register_admin_menu_item")
def register_red_black_menu_item():
    return PermissionMenuItem(
        _("Red and black list"),
        reverse("rankings_red_black"),
        icon_name="list-ul",
        order=312,
        permission="rankings.view_redblackremoval",
    )


@hooks.register("construct_homepage_panels")
def expiring_entries_panel(request, panels):
    """Editors see which red/black list entries end within the month."""
    if request.user.has_perm("rankings.view_redblackremoval"):
        from .admin_panels import ExpiringEntriesPanel

        panels.append(ExpiringEntriesPanel(request.user))


class ManagementGroupViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = ManagementGroup
    icon = "group"
    list_display = ["name", "compound", "buildings", "set_up_on", "dissolved_on"]


class CriterionViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = Criterion
    icon = "list-ol"
    list_display = ["name", "name_en", "max_score", "sort_order", "is_active"]


class ServicePeriodViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = ServicePeriod
    icon = "date"
    list_display = ["compound", "firm", "start_month", "end_month"]
    list_filter = ["firm"]


class EvidencePhotoViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = EvidencePhoto
    icon = "image"
    list_display = ["caption", "assessment"]


class RankingsViewSetGroup(SnippetViewSetGroup):
    items = (CriterionViewSet, ServicePeriodViewSet, EvidencePhotoViewSet, ManagementGroupViewSet)
    menu_icon = "table"
    menu_label = _("Rankings")
    menu_name = "rankings"


register_snippet(RankingsViewSetGroup)


hooks.register("home_page_panels", home_panels.ranking_panel)
hooks.register("directory_index_page", firm_index_page)
hooks.register("overdue_items", accountability.overdue_recommendations)
hooks.register("achievement_figures", accountability.recommendation_figures)
hooks.register("city_figures", accountability.city_figures)
hooks.register("compound_page_panels", accountability.compound_recommendations_panel)


@hooks.register("compound_page_panels")
def compound_rank_panel(index, compound, request):
    """A compound's page shows how its property firm ranked in the newest published month."""
    from .results import firm_standing

    if compound.property_firm_id is None:
        return None
    # Stored standings change only with a publish or an approved correction, which bump the
    # generation: one firm's standing is kept per generation (not the month's whole table).
    standing = derived(
        f"rankings:compound-standing:{index.pk}:{compound.property_firm_id}",
        lambda: firm_standing(index.get_parent(), compound.property_firm),
        request,
    )
    if standing is None:
        return None
    return {"template": "rankings/includes/compound_panel.html", **standing}
