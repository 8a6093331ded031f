"""Admin views for entering a month's scores: grid, template download, correction.

The file import is in import_views.py, the list of months and the new month in
month_admin.py.

Each view checks the model permission and that the user may edit the month page, so the
score screens follow the same rights as the page editor. A correction of a published month
is moderated like publishing: an editor proposes it, and only a user who may approve
corrections and publish the month page approves or rejects it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.communities import community_rows_q
from home.community_scope import page_in_scope
from home.models import PropertyFirm

from .forms import CorrectionForm, ImportForm, ScoreGridForm
from .grid_extras import grid_rows, score_grid_extras
from .importing import template_rows, write_csv, write_xlsx
from .models import RankingMonthPage, Score, ScoreCorrection
from .scoresheet import save_scores


def month_firms(month, user):
    """The firms scored in `month`: those with a record in the month's community (registered
    there or serving one of its compounds). `user` may open the month at all only if it is in
    their communities (`page_in_scope`, checked by every view before this): a firm registered
    in another community but serving this one is scored here too.
    """
    return list(
        PropertyFirm.objects.filter(locale_id=month.locale_id)
        .filter(community_rows_q(month, "community", "compounds__community"))
        .distinct()
    )


def can_approve_corrections(user, month):
    return user.has_perm("rankings.approve_scorecorrection") and (
        month.permissions_for_user(user).can_publish()
    )


class MonthScoresMixin(WagtailAdminTemplateMixin):
    header_icon = "table"
    permission = "rankings.change_firmassessment"

    def dispatch(self, request, page_id, *args, **kwargs):
        page = get_object_or_404(RankingMonthPage, pk=page_id)
        self.month = page.source
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        if not page_in_scope(request.user, self.month):
            raise Http404
        if not self.month.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.month.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("rankings_months"), "label": _("Monthly scores")},
            {"url": "", "label": self.month.title},
        ]

    def grid_url(self):
        return reverse("rankings_scores", args=[self.month.pk])


class ScoreGridView(MonthScoresMixin, TemplateView):
    template_name = "rankings/admin/scores.html"
    page_title = gettext_lazy("Scores")

    def build_form(self, data=None):
        criteria = (
            self.month.freeze_criteria()
            if not self.month.is_frozen
            else list(self.month.criteria.all())
        )
        assessments = {a.firm_id: a for a in self.month.assessments.prefetch_related("scores")}
        return ScoreGridForm(
            data,
            criteria=criteria,
            firms=month_firms(self.month, self.request.user),
            assessments=assessments,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.build_form()))

    def post(self, request, *args, **kwargs):
        if self.month.is_frozen:
            messages.error(request, _("This month is published; use a correction instead."))
            return redirect(self.grid_url())
        form = self.build_form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: please fix the marked cells."))
            return self.render_to_response(self.get_context_data(form=form))
        save_scores(self.month, form.entries())
        messages.success(request, _("The scores were saved."))
        return redirect(self.grid_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            month=self.month,
            frozen=self.month.is_frozen,
            import_form=kwargs.get("import_form") or ImportForm(),
        )
        form = context.get("form")
        if form is not None:
            # What other apps put beside each firm's row (the month's inspections).
            extras = score_grid_extras(self.month, form.firms)
            context.update(grid_extras=extras, grid_rows=grid_rows(form.rows(), extras))
        if self.month.is_frozen:
            context["correction_form"] = kwargs.get("correction_form") or CorrectionForm(
                scores=self.month_scores()
            )
            context["corrections"] = self.month.corrections.select_related("firm", "criterion")
            context["can_approve"] = can_approve_corrections(self.request.user, self.month)
        return context

    def month_scores(self):
        return list(
            Score.objects.filter(assessment__month=self.month)
            .select_related("assessment__firm", "criterion")
            .order_by("assessment__firm__name", "criterion__sort_order")
        )


class TemplateDownloadView(MonthScoresMixin, TemplateView):
    def get(self, request, *args, fmt="csv", **kwargs):
        criteria = (
            list(self.month.criteria.all())
            if self.month.is_frozen
            else self.month.freeze_criteria()
        )
        assessments = {a.firm_id: a for a in self.month.assessments.prefetch_related("scores")}
        rows = template_rows(criteria, month_firms(self.month, self.request.user), assessments)
        name = f"scores-{self.month.month:%Y-%m}"
        if fmt == "xlsx":
            response = HttpResponse(
                write_xlsx(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        else:
            response = HttpResponse(write_csv(rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


class CorrectionView(ScoreGridView):
    permission = "rankings.add_scorecorrection"

    def get(self, request, *args, **kwargs):
        return redirect(self.grid_url())

    def post(self, request, *args, **kwargs):
        if not self.month.is_frozen:
            messages.error(request, _("This month is not published yet; edit the grid instead."))
            return redirect(self.grid_url())
        form = CorrectionForm(request.POST, scores=self.month_scores())
        if form.is_valid():
            try:
                ScoreCorrection.objects.propose(
                    form.cleaned_data["score_obj"],
                    form.cleaned_data["new_value"],
                    form.cleaned_data["reason"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request,
                    _(
                        "The correction was proposed. It changes the score and is shown publicly "
                        "once a moderator approves it."
                    ),
                )
                return redirect(self.grid_url())
        return self.render_to_response(
            self.get_context_data(form=self.build_form(), correction_form=form)
        )


class CorrectionDecisionView(MonthScoresMixin, TemplateView):
    """A moderator approves or rejects a proposed correction (POST only)."""

    permission = "rankings.approve_scorecorrection"
    http_method_names = ["post"]

    def post(self, request, *args, correction_id, decision, **kwargs):
        if not can_approve_corrections(request.user, self.month):
            raise PermissionDenied
        correction = get_object_or_404(self.month.corrections, pk=correction_id)
        if decision not in ("approve", "reject"):
            raise Http404
        try:
            if decision == "approve":
                correction.approve(request.user)
                messages.success(request, _("The correction was approved and is now public."))
            else:
                correction.reject(request.user)
                messages.success(request, _("The correction was rejected."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.grid_url())
