from django.urls import path

from services import views_volunteering

urlpatterns = [
    # A sign-up's secret link (status and cancel); independent of where its event page lives.
    path(
        "volunteering/signups/<str:token>/",
        views_volunteering.signup_status,
        name="volunteer_signup",
    ),
    # Calendar files: real .ics addresses (Wagtail page routes cannot end in a file name).
    path("volunteering/upcoming.ics", views_volunteering.upcoming_feed, name="volunteer_feed"),
    path(
        "volunteering/events/<int:page_id>.ics",
        views_volunteering.event_ics,
        name="volunteer_event_ics",
    ),
]
