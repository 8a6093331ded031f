"""Admin for service stations (snippets) and the appointment queue (custom staff views)."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.community_scope import CommunityScopedViewSetMixin
from home.generation import derived
from home.visibility import public_page_q

from . import admin_views, home_panels
from .models import ServiceStation, localized_stations
from .station_access import handles_appointments, stations_edited_by

appointment_urls = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("export/", admin_views.export_csv, name="export"),
    path("<id:pk>/", admin_views.DetailView.as_view(), name="detail"),
]


@hooks.register("register_admin_urls")
def register_appointment_urls():
    return [path("appointments/", include((appointment_urls, "services_appointments")))]


class StationStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return handles_appointments(request.user)


@hooks.register("register_admin_menu_item")
def register_appointment_menu_item():
    return StationStaffMenuItem(
        _("Appointment requests"),
        reverse("services_appointments:queue"),
        icon_name="date",
        order=250,
    )


class ServiceStationViewSet(CommunityScopedViewSetMixin, SnippetViewSet):
    model = ServiceStation
    icon = "home"
    menu_label = _("Service stations")
    menu_order = 251
    add_to_admin_menu = True
    list_display = ["name", "compound", "phone", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "address"]

    def get_queryset(self, request):
        return stations_edited_by(request.user)

    def get_urlpatterns(self):
        # Every view of one station (edit with its timetable and closures, delete, history,
        # usage, preview, copy, revisions...) takes the station's pk: one check covers them all.
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in pattern.pattern.converters:
                pattern.callback = station_scoped(pattern.callback)
        return patterns


def station_scoped(view):
    """404 for a station the user does not handle, as for another station's requests."""

    @wraps(view)
    def scoped(request, *args, pk, **kwargs):
        if not stations_edited_by(request.user).filter(pk=unquote(str(pk))).exists():
            raise Http404
        return view(request, *args, pk=pk, **kwargs)

    return scoped


register_snippet(ServiceStationViewSet)

# Wagtail loads only each app's own `wagtail_hooks`: importing the volunteer team's module
# registers its admin (join requests, sign-ups, reports, attendance).
from .volunteering import wagtail_hooks as volunteering_hooks  # noqa: E402,F401


@hooks.register("compound_page_panels")
def compound_services_panel(index, compound, request):
    """A compound's page lists its service station and the volunteer events held there."""
    from django.utils import timezone

    from .models import ServiceIndexPage, VolunteerEventPage

    # Stations are snippets: a save bumps the generation.
    stations = derived(
        f"services:compound-stations:{compound.pk}:{index.locale_id}",
        lambda: localized_stations(
            ServiceStation.objects.active().filter(compound=compound), index.locale_id
        ),
        request,
    )
    events = list(
        VolunteerEventPage.objects.live()
        .filter(public_page_q())
        .filter(
            locale_id=index.locale_id,
            compound__translation_key=compound.translation_key,
            ends_at__gte=timezone.now(),
        )
        .order_by("starts_at")[:3]
    )
    if not stations and not events:
        return None
    services_index = (
        ServiceIndexPage.objects.live()
        .filter(public_page_q())
        .filter(locale_id=index.locale_id)
        .first()
    )
    station_links = [
        (
            station,
            services_index.url + services_index.reverse_subpage("station", args=[station.slug])
            if services_index
            else None,
        )
        for station in stations
    ]
    return {
        "template": "services/includes/compound_panel.html",
        "stations": station_links,
        "events": events,
    }


hooks.register("home_page_panels", home_panels.events_panel)


@hooks.register("community_memberships")
def station_communities(user):
    """A station's staff work for the station's community (home/community_scope.py)."""
    return ServiceStation.objects.filter(staff=user).values_list(
        "compound__community_id", flat=True
    )
