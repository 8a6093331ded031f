"""Staff side of appointment requests, inside the Wagtail admin.

Only station staff and supervisors get in (see `station_access`), and staff only ever see,
export or change the requests of their own stations: another station's request is a 404.
Lists show masked phone numbers; every full view and every export is logged.
"""

import csv

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home import sms
from home.exports import safe_row
from home.pagination import paginate

from .forms import StatusChangeForm
from .models import (
    Appointment,
    Mode,
    PersonalDataAccess,
    ServiceOfferingPage,
    ServiceStation,
    Status,
)
from .station_access import appointments_handled_by, handles_appointments, stations_handled_by

PAGE_SIZE = 50


def station_staff_required(view_func):
    def wrapped(request, *args, **kwargs):
        if not handles_appointments(request.user):
            raise PermissionDenied
        return view_func(request, *args, **kwargs)

    return wrapped


def _handled_stations(request):
    # Another station's id in ?station= is an invalid choice, so it shows an error, not rows.
    return stations_handled_by(request.user) if request else ServiceStation.objects.none()


class AppointmentFilter(django_filters.FilterSet):
    station = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Station"), queryset=_handled_stations
    )
    offering = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Service"),
        queryset=ServiceOfferingPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
    )
    mode = django_filters.ChoiceFilter(label=gettext_lazy("Mode"), choices=Mode.choices)
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    date_from = django_filters.DateFilter(
        label=gettext_lazy("Appointments from"),
        field_name="slot__date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=gettext_lazy("Appointments until"),
        field_name="slot__date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Appointment
        fields = ["station", "offering", "mode", "status", "date_from", "date_to"]


def filtered_queue(request):
    """The filter set and its queryset; an invalid filter shows its error and no rows."""
    queryset = appointments_handled_by(request.user, Appointment.objects.for_queue())
    filterset = AppointmentFilter(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, Appointment.objects.none()
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    return filterset, queryset.order_by("slot__date", "slot__start_time", "pk")


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "date"

    @method_decorator(station_staff_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sms_log_only"] = sms.is_log_only()
        return context

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("services_appointments:queue"), "label": _("Appointment requests")}
        ]


class QueueView(StaffView):
    template_name = "services/admin/queue.html"
    page_title = gettext_lazy("Appointment requests")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, queryset = filtered_queue(self.request)
        page = paginate(self.request, queryset, PAGE_SIZE, param="p")
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filterset=filterset,
            page_obj=page,
            query=query.urlencode(),
            has_no_station=not stations_handled_by(self.request.user).exists(),
        )
        return context


class DetailView(StaffView):
    template_name = "services/admin/detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.appointment = None
        return super().dispatch(request, *args, **kwargs)

    def get_appointment(self):
        if self.appointment is None:
            self.appointment = get_object_or_404(
                appointments_handled_by(self.request.user, Appointment.objects.for_queue()),
                pk=self.kwargs["pk"],
            )
        return self.appointment

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_page_title(self):
        return _("Request %(reference)s") % {"reference": self.get_appointment().display_reference}

    def get(self, request, *args, **kwargs):
        appointment = self.get_appointment()
        PersonalDataAccess.objects.create(
            user=request.user, action=PersonalDataAccess.Action.VIEW, appointment=appointment
        )
        return self.render_to_response(
            self.get_context_data(form=StatusChangeForm(appointment=appointment))
        )

    def post(self, request, *args, **kwargs):
        appointment = self.get_appointment()
        form = StatusChangeForm(request.POST, appointment=appointment)
        if form.is_valid():
            try:
                appointment.change_status(
                    form.cleaned_data["status"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    assigned_to=form.cleaned_data["assigned_to"],
                    assigned_volunteer=form.cleaned_data["assigned_volunteer"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Status changed to “%(status)s”.")
                    % {"status": appointment.get_status_display()},
                )
                return redirect("services_appointments:detail", pk=appointment.pk)
        PersonalDataAccess.objects.create(
            user=request.user, action=PersonalDataAccess.Action.VIEW, appointment=appointment
        )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appointment = self.get_appointment()
        context.update(
            appointment=appointment,
            events=appointment.events.select_related("actor"),
            accesses=appointment.accesses.select_related("user")[:20],
        )
        return context


@station_staff_required
def export_csv(request):
    filterset, queryset = filtered_queue(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="appointments-{stamp}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Chinese correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Reference"),
            _("Submitted at"),
            _("Date"),
            _("Time"),
            _("Station"),
            _("Service"),
            _("Mode"),
            _("Status"),
            _("Person served"),
            _("Mobile"),
            _("For someone else"),
            _("Address"),
            _("Priority group"),
            _("Accessibility needs"),
            _("Assigned to"),
        ]
    )
    count = 0
    for appointment in queryset.iterator(chunk_size=500):
        count += 1
        slot = appointment.slot
        writer.writerow(
            safe_row(
                [
                    appointment.display_reference,
                    timezone.localtime(appointment.created_at).strftime("%Y-%m-%d %H:%M"),
                    slot.date.isoformat(),
                    f"{slot.start_time:%H:%M}-{slot.end_time:%H:%M}",
                    appointment.station.name,
                    appointment.offering.title,
                    appointment.get_mode_display(),
                    appointment.get_status_display(),
                    appointment.served_name,
                    appointment.masked_phone,
                    _("yes") if appointment.for_someone_else else _("no"),
                    appointment.address_line,
                    appointment.get_priority_group_display(),
                    "; ".join(str(label) for label in appointment.accessibility_labels()),
                    (
                        appointment.assigned_to.get_username()
                        if appointment.assigned_to
                        else appointment.assigned_volunteer
                    ),
                ]
            )
        )
    PersonalDataAccess.objects.create(
        user=request.user,
        action=PersonalDataAccess.Action.EXPORT,
        detail=f"{count} rows; filters: {request.GET.urlencode()}"[:300],
    )
    return response
