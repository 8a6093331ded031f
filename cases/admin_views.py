"""Staff views of the cases: the list, a case with its steps, the reporters' details (logged),
photos (private files), CSV export, and the firm contacts' work orders.

Outside a user's scope everything is a 404 (cases/access.py).
"""

import csv

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home import sms
from home.exports import safe_cell
from home.models import Compound
from home.pagination import paginate

from .access import cases_visible_to, is_case_staff, is_firm_contact, work_orders_visible_to
from .admin_forms import ACTIONS, WorkOrderAnswerForm, available_actions
from .models import (
    Case,
    CaseAccess,
    CaseCategory,
    CaseStatus,
    Report,
    ReportPhoto,
    Route,
)

PAGE_SIZE = 50


def staff_required(view_func):
    def wrapped(request, *args, **kwargs):
        if not is_case_staff(request.user):
            raise PermissionDenied
        return view_func(request, *args, **kwargs)

    return wrapped


def firm_contact_required(view_func):
    def wrapped(request, *args, **kwargs):
        if not (is_firm_contact(request.user) or is_case_staff(request.user)):
            raise PermissionDenied
        return view_func(request, *args, **kwargs)

    return wrapped


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=CaseStatus.choices)
    route = django_filters.ChoiceFilter(label=gettext_lazy("Route"), choices=Route.choices)
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"),
        queryset=CaseCategory.objects.filter(locale__language_code="zh-hans"),
    )
    compound = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Compound"),
        queryset=Compound.objects.filter(locale__language_code="zh-hans"),
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = Case
        fields = ["status", "route", "category", "compound", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset


def listed_cases(user):
    first_reports = Report.objects.order_by("created_at", "pk")
    return (
        cases_visible_to(user)
        .select_related("compound", "category")
        .annotate(report_count=Count("reports", distinct=True))
        .prefetch_related(Prefetch("reports", queryset=first_reports))
    )


def filtered_cases(request):
    filterset = CaseFilter(request.GET or None, queryset=listed_cases(request.user))
    if filterset.is_bound and not filterset.is_valid():
        return filterset, Case.objects.none()
    return filterset, (filterset.qs if filterset.is_bound else filterset.queryset)


def visible_case(request, pk):
    return get_object_or_404(
        cases_visible_to(request.user).select_related("compound", "category"), pk=pk
    )


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"

    @method_decorator(staff_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sms_log_only"] = sms.is_log_only()
        return context


class CaseListView(StaffView):
    template_name = "cases/admin/list.html"
    page_title = gettext_lazy("Residents' reports")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, queryset = filtered_cases(self.request)
        page = paginate(
            self.request, queryset.order_by("-received_at", "-pk"), PAGE_SIZE, param="p"
        )
        now = timezone.now()
        for case in page.object_list:
            case.first_report = next(iter(case.reports.all()), None)
            case.overdue_now = case.is_overdue(now)
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filterset=filterset,
            page_obj=page,
            query=query.urlencode(),
            overdue_count=cases_visible_to(self.request.user).overdue(now).count(),
        )
        return context


class CaseDetailView(StaffView):
    """A case with its steps; reporters masked (their full details are one click further)."""

    template_name = "cases/admin/detail.html"

    def get_page_title(self):
        return self.case.public_number

    def dispatch(self, request, *args, **kwargs):
        if not is_case_staff(request.user):
            raise PermissionDenied
        self.case = visible_case(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        forms_by_name = kwargs.get("forms") or {}
        context.update(
            case=case,
            reports=case.reports.prefetch_related("photos"),
            events=case.events.select_related("user"),
            work_orders=case.work_orders.select_related("firm"),
            hall_sessions=case.hall_sessions.all(),
            mediation=getattr(case, "mediation", None),
            referral=getattr(case, "meeting_referral", None),
            actions=[
                (name, forms_by_name.get(name) or ACTIONS[name](case=case, prefix=name))
                for name in available_actions(case)
            ],
            now=timezone.now(),
        )
        return context

    def post(self, request, *args, **kwargs):
        """One step, named by the submit button's `action`; a refused step shows why."""
        case = self.case
        action = request.POST.get("action", "")
        if action not in ACTIONS or action not in available_actions(case):
            raise Http404
        form = ACTIONS[action](request.POST, case=case, prefix=action)
        if form.is_valid():
            try:
                form.apply(case, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved: %(step)s.") % {"step": form.title})
                return redirect("cases_admin:detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(forms={action: form}), status=400)


class ReportersView(StaffView):
    """The one view with reporters' names and numbers; every opening is logged."""

    template_name = "cases/admin/reporters.html"
    page_title = gettext_lazy("Reporters' details")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = visible_case(self.request, kwargs["pk"])
        CaseAccess.objects.create(user=self.request.user, case=case, action=CaseAccess.Action.VIEW)
        context.update(
            case=case,
            reports=case.reports.all(),
            supports=case.supports.exclude(mobile=""),
            accesses=case.accesses.select_related("user")[:20],
        )
        return context


@staff_required
def photo(request, pk):
    """A report photo, from private storage, for staff of the case's community only."""
    item = get_object_or_404(ReportPhoto.objects.select_related("report__case"), pk=pk)
    if not cases_visible_to(request.user).filter(pk=item.report.case_id).exists():
        raise Http404
    CaseAccess.objects.create(
        user=request.user,
        case=item.report.case,
        action=CaseAccess.Action.PHOTO,
        detail=str(item.pk),
    )
    response = FileResponse(item.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


EXPORT_HEADER = (
    "case",
    "received",
    "compound",
    "category",
    "title",
    "status",
    "route",
    "held by",
    "due",
    "overdue",
    "days to accept",
    "days to resolve",
    "reports",
    "first reporter",
    "mobile",
    "outcome",
)


@staff_required
def export_csv(request):
    """The filtered list as CSV: personal data masked, formula-like cells neutralised."""
    filterset, queryset = filtered_cases(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 only with a byte-order mark
    writer = csv.writer(response)
    writer.writerow(EXPORT_HEADER)
    now = timezone.now()
    count = 0
    for case in queryset.order_by("-received_at", "-pk"):
        first = next(iter(case.reports.all()), None)
        count += 1
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    case.public_number,
                    timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"),
                    case.compound.name,
                    case.category.name,
                    case.title,
                    case.get_status_display(),
                    case.get_route_display(),
                    case.holder_label,
                    case.due_date.isoformat() if case.due_date else "",
                    case.overdue_days(now) or "",
                    case.days_to_accept if case.days_to_accept is not None else "",
                    case.days_to_resolve if case.days_to_resolve is not None else "",
                    case.report_count,
                    first.masked_name if first else "",
                    first.masked_mobile if first else "",
                    case.outcome_summary,
                )
            ]
        )
    CaseAccess.objects.create(
        user=request.user,
        action=CaseAccess.Action.EXPORT,
        detail=f"{count} rows; filters: {request.GET.urlencode()}"[:200],
    )
    return response


# Property firms' contacts --------------------------------------------------------------------


class FirmView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    @method_decorator(firm_contact_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


class WorkOrderListView(FirmView):
    template_name = "cases/admin/work_orders.html"
    page_title = gettext_lazy("Work orders")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = work_orders_visible_to(self.request.user).select_related(
            "case__compound", "case__category", "firm"
        )
        context["page_obj"] = paginate(self.request, orders, PAGE_SIZE, param="p")
        return context


class WorkOrderView(FirmView):
    template_name = "cases/admin/work_order.html"
    page_title = gettext_lazy("Work order")

    def dispatch(self, request, *args, **kwargs):
        if not (is_firm_contact(request.user) or is_case_staff(request.user)):
            raise PermissionDenied
        self.order = get_object_or_404(
            work_orders_visible_to(request.user).select_related(
                "case__compound", "case__category", "firm"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            order=self.order,
            case=self.order.case,
            # What the residents described, without who they are.
            reports=self.order.case.reports.only("description", "location", "created_at"),
            form=kwargs.get("form") or WorkOrderAnswerForm(initial={"answer": self.order.answer}),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = WorkOrderAnswerForm(request.POST)
        if form.is_valid():
            try:
                self.order.record_answer(request.user, form.cleaned_data["answer"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer has been sent to the community."))
                return redirect(reverse("cases_admin:work_orders"))
        return self.render_to_response(self.get_context_data(form=form), status=400)
