"""An inspection's re-check: editors propose its result, moderators confirm or reject it.

State changes go through these views only (the edit form does not show the status); the
model checks who may make each one and from which state, and records who made it and when.
A refused change is a message on the page, never an error page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.community_scope import get_scoped_or_404

from .forms import DecisionForm, RecheckForm
from .models import Inspection, TransitionRefused


class InspectionMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def dispatch(self, request, pk, *args, **kwargs):
        if not request.user.has_perm("inspections.view_inspection"):
            raise PermissionDenied
        self.inspection = get_scoped_or_404(
            Inspection.objects.select_related("compound", "firm"), request.user, pk=pk
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.inspection)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailsnippets_inspections_inspection:list"),
                "label": _("Inspections"),
            },
            {"url": "", "label": str(self.inspection)},
        ]

    def status_url(self):
        return reverse("inspections_recheck", args=[self.inspection.pk])


class RecheckView(InspectionMixin, TemplateView):
    template_name = "inspections/admin/recheck.html"
    page_title = gettext_lazy("Re-check")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = RecheckForm(request.POST, inspection=self.inspection)
        if not self.inspection.can_propose_recheck(request.user):
            messages.error(request, _("This inspection has no rectification awaiting a re-check."))
            return redirect(self.status_url())
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: please correct the marked fields."))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.inspection.propose_recheck(
                request.user,
                form.cleaned_data["recheck_on"],
                form.cleaned_data["result"],
                form.cleaned_data["note"],
            )
        except TransitionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The re-check was recorded; a moderator will confirm it."))
        return redirect(self.status_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            inspection=self.inspection,
            findings=self.inspection.findings.select_related("article"),
            events=self.inspection.events.all(),
            can_propose=self.inspection.can_propose_recheck(user),
            can_decide=self.inspection.can_decide_recheck(user),
            decision_form=DecisionForm(),
            edit_url=reverse(
                "wagtailsnippets_inspections_inspection:edit", args=[self.inspection.pk]
            ),
        )
        context.setdefault("form", RecheckForm(inspection=self.inspection))
        return context


class DecisionView(InspectionMixin, TemplateView):
    """A moderator confirms or rejects a proposed re-check (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, decision, **kwargs):
        if decision not in ("confirm", "reject"):
            messages.error(request, _("Unknown decision."))
            return redirect(self.status_url())
        if not request.user.has_perm("inspections.confirm_recheck"):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            self.inspection.decide_recheck(request.user, decision == "confirm", note)
        except TransitionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("The re-check was confirmed.")
                if decision == "confirm"
                else _("The re-check was rejected; the rectification is due again."),
            )
        return redirect(self.status_url())
