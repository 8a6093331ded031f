"""Admin for the volunteer team's records: applications, sign-ups, reports, attendance.

All of it is personal data or leads to it, so it is reached only with the `services`
model permissions (group 服务站工作人员, and superusers); page editors see none of it.
Lists show masked names and mobiles; the full values are on the edit form only.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.community_scope import (
    CommunityScopedViewSetMixin,
    page_in_scope,
    scoped_pages_q,
)

from . import figures
from .models import (
    VolunteerApplication,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerSignup,
)

ATTENDANCE_PERMISSION = "services.change_volunteersignup"


class SignupPermissionPolicy(ModelPermissionPolicy):
    """Sign-ups are made on the public page, where capacity and the queue are enforced."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(VolunteerSignup, SignupPermissionPolicy(VolunteerSignup))


class VolunteerApplicationViewSet(CommunityScopedViewSetMixin, ModelViewSet):
    model = VolunteerApplication
    name = "volunteer_applications"
    add_to_reference_index = False  # see wagtail_reference_index_ignore on the model
    url_prefix = "volunteering/applications"
    icon = "user"
    menu_label = _("Join requests")
    copy_view_enabled = False
    list_display = [
        Column("masked_name", label=_("name")),
        Column("masked_mobile", label=_("mobile")),
        "category",
        "compound",
        "status",
        "created_at",
    ]
    list_filter = ["status", "category"]
    search_fields = ["name", "mobile", "skills"]
    list_per_page = 50

    def get_queryset(self, request):
        return VolunteerApplication.objects.select_related("compound")


class VolunteerSignupViewSet(CommunityScopedViewSetMixin, ModelViewSet):
    model = VolunteerSignup
    name = "volunteer_signups"
    add_to_reference_index = False  # see wagtail_reference_index_ignore on the model
    url_prefix = "volunteering/signups"
    icon = "list-ul"
    menu_label = _("Event sign-ups")
    copy_view_enabled = False
    list_display = [
        Column("masked_name", label=_("name")),
        Column("masked_mobile", label=_("mobile")),
        "event",
        "status",
        Column("attended_label", label=_("attended")),
        "created_at",
    ]
    list_filter = ["status", "attended", "event"]
    search_fields = ["name", "mobile"]
    list_per_page = 50

    def get_queryset(self, request):
        return VolunteerSignup.objects.select_related("event")


class VolunteerEventReportViewSet(CommunityScopedViewSetMixin, ModelViewSet):
    model = VolunteerEventReport
    name = "volunteer_reports"
    url_prefix = "volunteering/reports"
    icon = "doc-full"
    menu_label = _("Event reports")
    copy_view_enabled = False
    list_display = ["event", "services_delivered", "people_helped", "updated_at"]
    list_per_page = 50

    def get_queryset(self, request):
        return VolunteerEventReport.objects.select_related("event")


class VolunteeringViewSetGroup(ViewSetGroup):
    items = (VolunteerApplicationViewSet, VolunteerSignupViewSet, VolunteerEventReportViewSet)
    menu_icon = "group"
    menu_label = _("Volunteering")
    menu_name = "volunteering"


@hooks.register("register_admin_viewset")
def register_volunteering_viewsets():
    return VolunteeringViewSetGroup()


def attendance(request, event_id):
    """Tick who came: one yes/no/unknown per confirmed sign-up of one event."""
    if not request.user.has_perm(ATTENDANCE_PERMISSION):
        raise PermissionDenied
    event = get_object_or_404(VolunteerEventPage, pk=event_id)
    if not page_in_scope(request.user, event):
        raise Http404
    signups = list(
        event.signups.exclude(status=VolunteerSignup.Status.CANCELLED).order_by("created_at", "pk")
    )
    choices = {"yes": True, "no": False, "": None}
    if request.method == "POST":
        with transaction.atomic():
            for signup in signups:
                value = request.POST.get(f"attended-{signup.pk}", "")
                if value in choices and signup.attended is not choices[value]:
                    signup.attended = choices[value]
                    signup.save(update_fields=["attended"])
        messages.success(request, _("Attendance saved."))
        return redirect("volunteering_attendance", event_id=event.pk)
    return TemplateResponse(
        request,
        "services/volunteering/admin/attendance.html",
        {
            "event": event,
            "signups": signups,
            "header_title": _("Attendance"),
            "page_title": _("Attendance"),
            "attended_count": sum(1 for s in signups if s.attended),
        },
    )


def attendance_events(request):
    """Events that have started, newest first, each linking to its attendance sheet."""
    if not request.user.has_perm(ATTENDANCE_PERMISSION):
        raise PermissionDenied
    from django.utils import timezone
    from wagtail.models import Locale

    events = (
        VolunteerEventPage.objects.filter(
            locale=Locale.get_default(), starts_at__lte=timezone.now()
        )
        .filter(scoped_pages_q(request.user))
        .order_by("-starts_at")
        .only("title", "starts_at")[:100]
    )
    return TemplateResponse(
        request,
        "services/volunteering/admin/attendance_events.html",
        {"events": events, "page_title": _("Attendance"), "header_title": _("Attendance")},
    )


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path("volunteering/attendance/", attendance_events, name="volunteering_attendance_events"),
        path(
            "volunteering/attendance/<id:event_id>/",
            attendance,
            name="volunteering_attendance",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    from wagtail.admin.menu import MenuItem

    class AttendanceMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(ATTENDANCE_PERMISSION)

    return AttendanceMenuItem(
        _("Attendance"),
        reverse("volunteering_attendance_events"),
        icon_name="tick",
        order=9000,
    )


hooks.register("achievement_figures", figures.achievement_figures)
hooks.register("city_figures", figures.city_figures)
