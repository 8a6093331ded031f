"""The volunteer team's models, split by concept; all keep the `services` app label."""

from .applications import VolunteerApplication
from .choices import EventType
from .events import VolunteerEventIndexPage, VolunteerEventPage
from .reports import VolunteerEventReport, VolunteerReportPhoto
from .retention import count_volunteer_personal_data, purge_volunteer_personal_data
from .signups import SignupError, VolunteerSignup
from .team import VolunteerTeamPage

__all__ = [
    "EventType",
    "SignupError",
    "VolunteerApplication",
    "VolunteerEventIndexPage",
    "VolunteerEventPage",
    "VolunteerEventReport",
    "VolunteerReportPhoto",
    "VolunteerSignup",
    "VolunteerTeamPage",
    "count_volunteer_personal_data",
    "purge_volunteer_personal_data",
]
