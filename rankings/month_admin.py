"""The admin's list of months and the one-step "new month": a draft page titled from its month.

Editors used to be told to add a page under the ranking index, where the title was typed
apart from the month and could disagree with it. Here they give the month only; the page
is created as a draft (it is published through the usual moderation), with the title
`month_title(month)`, the slug YYYY-MM and today's criteria frozen into it, and the editor
lands on its score grid.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from home.community_scope import scoped_pages_q
from home.months import parse_month

from .models import RankingIndexPage, RankingMonthPage, month_title

PERMISSION = "rankings.change_firmassessment"


class NewMonthForm(forms.Form):
    month = forms.CharField(
        label=gettext_lazy("Month"),
        max_length=20,
        help_text=gettext_lazy("For example 2026年11月 or 2026-11."),
        widget=forms.TextInput(attrs={"placeholder": "2026年11月", "size": 12}),
    )

    def clean_month(self):
        month = parse_month(self.cleaned_data["month"])
        if month is None:
            raise forms.ValidationError(
                _("Enter a month, for example 2026年11月 or 2026-11."), code="invalid"
            )
        return month


def ranking_index(user):
    """The ranking index of the default language, where `user`'s community creates months."""
    return (
        RankingIndexPage.objects.filter(locale=Locale.get_default())
        .filter(scoped_pages_q(user))
        .order_by("path")
        .first()
    )


def can_create_month(user, index):
    return index is not None and index.permissions_for_user(user).can_add_subpage()


class MonthListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "rankings/admin/month_list.html"
    page_title = gettext_lazy("Monthly scores")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = (
            RankingMonthPage.objects.filter(locale=Locale.get_default())
            .filter(scoped_pages_q(self.request.user))
            .order_by("-month")
        )
        if can_create_month(self.request.user, ranking_index(self.request.user)):
            context["new_month_form"] = kwargs.get("new_month_form") or NewMonthForm()
        return context


class NewMonthView(View):
    """POST only: create the month's draft page, or say in the editor's language why not."""

    def post(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        index = ranking_index(request.user)
        if index is None:
            messages.error(request, _("There is no ranking index page to add the month to yet."))
            return redirect("rankings_months")
        if not can_create_month(request.user, index):
            raise PermissionDenied
        form = NewMonthForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("month", []):
                messages.error(request, error)
            return redirect("rankings_months")
        month = form.cleaned_data["month"]
        existing = RankingMonthPage.objects.filter(locale=index.locale, month=month).first()
        if existing is not None:
            messages.warning(
                request,
                _("%(month)s already has a ranking page, “%(title)s”; here are its scores.")
                % {"month": f"{month:%Y-%m}", "title": existing.title},
            )
            return redirect("rankings_scores", existing.pk)
        with transaction.atomic():
            page = RankingMonthPage(title=month_title(month), month=month, live=False)
            index.add_child(instance=page)
            page.save_revision(user=request.user, log_action=True)
            page.freeze_criteria()
        messages.success(
            request,
            _(
                "Created the draft “%(title)s”. Enter or import its scores here; "
                "publish the page when they are checked."
            )
            % {"title": page.title},
        )
        return redirect(reverse("rankings_scores", args=[page.pk]))
