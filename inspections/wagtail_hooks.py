from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.community_scope import CommunityScopedViewSetMixin

from . import admin_views, figures, panels
from .models import Inspection, InspectionEvent, Training


@hooks.register("register_admin_urls")
def register_recheck_urls():
    return [
        path(
            "inspections/<id:pk>/recheck/",
            admin_views.RecheckView.as_view(),
            name="inspections_recheck",
        ),
        path(
            "inspections/<id:pk>/recheck/<str:decision>/",
            admin_views.DecisionView.as_view(),
            name="inspections_decide",
        ),
    ]


class InspectionViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = Inspection
    icon = "tasks"
    list_display = ["date", "compound", "firm", "status", "rectification_deadline"]
    list_filter = ["status", "firm"]
    ordering = ["-date", "-pk"]


class TrainingViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = Training
    icon = "group"
    list_display = ["date", "topic", "location"]


class InspectionsViewSetGroup(SnippetViewSetGroup):
    items = (InspectionViewSet, TrainingViewSet)
    menu_icon = "tasks"
    menu_label = _("Inspections")
    menu_name = "inspections"


register_snippet(InspectionsViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def recheck_button(snippet, user, next_url=None):
    if isinstance(snippet, Inspection) and snippet.status != Inspection.Status.NO_ACTION:
        yield ListingButton(
            _("Re-check"),
            reverse("inspections_recheck", args=[snippet.pk]),
            icon_name="tasks",
            priority=5,
        )


@hooks.register("after_create_snippet")
def record_created(request, instance):
    if isinstance(instance, Inspection):
        instance.record(InspectionEvent.Action.RECORDED, request.user)


@hooks.register("after_edit_snippet")
def record_edited(request, instance):
    if isinstance(instance, Inspection):
        instance.record(InspectionEvent.Action.EDITED, request.user)


hooks.register("firm_profile_panels", panels.firm_panel)
hooks.register("compound_page_panels", panels.compound_panel)
hooks.register("work_letter_item_extras", panels.letter_item_extra)
hooks.register("score_grid_row_extras", panels.grid_extra)
hooks.register("overdue_items", figures.overdue_items)
hooks.register("achievement_figures", figures.achievement_figures)
hooks.register("city_figures", figures.city_figures)
