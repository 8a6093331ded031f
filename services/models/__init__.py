from .volunteering import (  # noqa: F401
    VolunteerApplication,
    VolunteerEventIndexPage,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerReportPhoto,
    VolunteerSignup,
    VolunteerTeamPage,
)
