from .appointments import (
    Appointment,
    AppointmentEvent,
    PersonalDataAccess,
    Status,
    normalise_reference,
)
from .choices import AccessibilityNeed, Mode, PriorityGroup, Weekday
from .offerings import ServiceIndexPage, ServiceOfferingPage, localized_offerings
from .slots import BOOKING_WINDOW_DAYS, Slot, SlotFull
from .stations import ServiceStation, SlotTemplate, StationClosure, localized_stations
from .volunteering import (
    VolunteerApplication,
    VolunteerEventIndexPage,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerReportPhoto,
    VolunteerSignup,
    VolunteerTeamPage,
)

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
    "normalise_reference",
]
