"""The services app's models: service stations and appointments, and the volunteer team."""

# The volunteer team lives in its own package; its models keep this app's label.
from services.volunteering.models import (
    VolunteerApplication,
    VolunteerEventIndexPage,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerReportPhoto,
    VolunteerSignup,
    VolunteerTeamPage,
)

from .appointments import (
    Appointment,
    AppointmentEvent,
    PersonalDataAccess,
    Status,
)
from .choices import AccessibilityNeed, Mode, PriorityGroup, Weekday
from .offerings import ServiceIndexPage, ServiceOfferingPage, localized_offerings
from .slots import BOOKING_WINDOW_DAYS, Slot, SlotFull
from .stations import ServiceStation, SlotTemplate, StationClosure, localized_stations

__all__ = [
    "AccessibilityNeed",
    "Appointment",
    "AppointmentEvent",
    "BOOKING_WINDOW_DAYS",
    "Mode",
    "PersonalDataAccess",
    "PriorityGroup",
    "ServiceIndexPage",
    "ServiceOfferingPage",
    "ServiceStation",
    "Slot",
    "SlotFull",
    "SlotTemplate",
    "StationClosure",
    "Status",
    "VolunteerApplication",
    "VolunteerEventIndexPage",
    "VolunteerEventPage",
    "VolunteerEventReport",
    "VolunteerReportPhoto",
    "VolunteerSignup",
    "VolunteerTeamPage",
    "Weekday",
    "localized_offerings",
    "localized_stations",
]
