"""Admin screens of the accountability loops: recommendations and black-list removals.

Editors propose a step (or a removal), moderators confirm or refuse it; the models check the
permissions and the allowed moves, these views only turn their refusals into messages. A
POST that was already applied (a double click) meets "already decided" and changes nothing.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.community_scope import get_scoped_or_404, scoped
from home.params import parse_int

from .models import (
    Decision,
    Recommendation,
    RecommendationStep,
    RedBlackEntry,
    RedBlackRemoval,
    ServicePeriod,
    State,
)
from .models.recommendations import CONFIRM_PERMISSION
from .models.red_black import VERIFY_PERMISSION

EXPIRY_WINDOW_DAYS = 30


class StepForm(forms.ModelForm):
    class Meta:
        model = RecommendationStep
        fields = ["to_state", "on_date", "due_date", "reinspection_notes", "service_period", "note"]
        widgets = {
            "on_date": forms.DateInput(attrs={"type": "date"}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "reinspection_notes": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = recommendation.allowed_states()
        self.fields["to_state"].choices = [(s.value, s.label) for s in allowed]
        self.fields["service_period"].queryset = ServicePeriod.objects.filter(
            compound=recommendation.compound
        ).exclude(firm=recommendation.firm)
        self.instance.recommendation = recommendation
        self.instance.from_state = recommendation.state


class RemovalForm(forms.Form):
    rectification = forms.CharField(
        label=gettext_lazy("Rectification"), widget=forms.Textarea(attrs={"rows": 3})
    )
    removed_on = forms.DateField(
        label=gettext_lazy("Off the list from"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AccountabilityAdminMixin(WagtailAdminTemplateMixin):
    permission = "rankings.view_recommendation"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RecommendationListView(AccountabilityAdminMixin, TemplateView):
    template_name = "rankings/admin/recommendation_list.html"
    page_title = gettext_lazy("Replacement recommendations")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recs = scoped(Recommendation.objects.for_display(), self.request.user)
        state = self.request.GET.get("state", "")
        if state in State.values:
            recs = recs.filter(state=state)
        context.update(
            recommendations=recs[:200],
            states=State.choices,
            state=state,
            pending=RecommendationStep.objects.filter(
                decision=Decision.PENDING, recommendation__in=recs.values("pk")
            ).count(),
        )
        return context


class RecommendationView(AccountabilityAdminMixin, TemplateView):
    template_name = "rankings/admin/recommendation.html"
    page_title = gettext_lazy("Replacement recommendation")

    def setup(self, request, *args, rec_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.rec = get_scoped_or_404(Recommendation.objects.for_display(), request.user, pk=rec_id)

    def get_page_subtitle(self):
        return str(self.rec)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        steps = list(self.rec.steps.select_related("proposed_by", "decided_by", "service_period"))
        can_propose = user.has_perm("rankings.add_recommendationstep") and bool(
            self.rec.allowed_states()
        )
        context.update(
            rec=self.rec,
            steps=steps,
            pending=next((s for s in steps if s.is_pending), None),
            can_confirm=user.has_perm(CONFIRM_PERMISSION),
            form=(kwargs.get("form") or StepForm(recommendation=self.rec)) if can_propose else None,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "propose":
            form = StepForm(request.POST, recommendation=self.rec)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    self.rec.propose(
                        data["to_state"],
                        request.user,
                        note=data["note"],
                        on_date=data["on_date"],
                        due_date=data["due_date"],
                        reinspection_notes=data["reinspection_notes"],
                        service_period=data["service_period"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                else:
                    messages.success(
                        request, _("The step was proposed; a moderator confirms or refuses it.")
                    )
                    return redirect(request.path)
            messages.error(request, _("Nothing was proposed: please fix the marked fields."))
            return self.render_to_response(self.get_context_data(form=form))
        if action in ("confirm", "refuse"):
            step = get_object_or_404(self.rec.steps, pk=parse_int(request.POST.get("step"), 0, 1))
            try:
                if action == "confirm":
                    step.confirm(request.user)
                    messages.success(request, _("The step was confirmed."))
                else:
                    step.refuse(request.user, request.POST.get("decision_note", ""))
                    messages.success(request, _("The step was refused."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
        messages.error(request, _("Unknown action."))
        return redirect(request.path)


def expiring_entries(today=None, days=EXPIRY_WINDOW_DAYS):
    """Entries whose listing ends within `days` (default language), soonest first."""
    today = today or timezone.localdate()
    return (
        RedBlackEntry.objects.filter(
            page__locale__language_code__in=[_default_language()],
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=days),
        )
        .exclude(removals__status=RedBlackRemoval.Status.VERIFIED)
        .select_related("firm", "compound", "page")
        .order_by("valid_until", "pk")
    )


def _default_language():
    from wagtail.models import Locale

    return Locale.get_default().language_code


class RedBlackListView(AccountabilityAdminMixin, TemplateView):
    template_name = "rankings/admin/red_black_list.html"
    page_title = gettext_lazy("Red and black list")
    permission = "rankings.view_redblackremoval"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        due = self.request.GET.get("due") == "1"
        entries = scoped(
            expiring_entries()
            if due
            else RedBlackEntry.objects.filter(page__locale__language_code=_default_language())
            .select_related("firm", "compound", "page")
            .order_by("-date", "pk"),
            self.request.user,
        )[:200]
        context.update(entries=entries, due=due, window=EXPIRY_WINDOW_DAYS)
        return context


class RedBlackEntryView(AccountabilityAdminMixin, TemplateView):
    template_name = "rankings/admin/red_black_entry.html"
    page_title = gettext_lazy("Red/black list entry")
    permission = "rankings.view_redblackremoval"

    def setup(self, request, *args, entry_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.entry = get_scoped_or_404(
            RedBlackEntry.objects.select_related("firm", "compound", "page"),
            request.user,
            pk=entry_id,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            entry=self.entry,
            status=self.entry.list_status(),
            removals=list(self.entry.removals.select_related("proposed_by", "decided_by")),
            form=kwargs.get("form") or RemovalForm(),
            can_propose=user.has_perm("rankings.add_redblackremoval")
            and not self.entry.is_red
            and self.entry.list_status() == "listed",
            can_verify=user.has_perm(VERIFY_PERMISSION),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "propose":
            form = RemovalForm(request.POST)
            if form.is_valid():
                try:
                    RedBlackRemoval.propose(
                        self.entry,
                        form.cleaned_data["rectification"],
                        form.cleaned_data["removed_on"],
                        user=request.user,
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                else:
                    messages.success(request, _("The rectification was recorded for verification."))
                    return redirect(request.path)
            return self.render_to_response(self.get_context_data(form=form))
        if action in ("verify", "refuse"):
            removal = get_object_or_404(
                self.entry.removals, pk=parse_int(request.POST.get("removal"), 0, 1)
            )
            try:
                getattr(removal, action)(request.user)
                messages.success(request, _("Done."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
        messages.error(request, _("Unknown action."))
        return redirect(request.path)
