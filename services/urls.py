from django.urls import path

from . import views
from .volunteering import views as volunteering_views

app_name = "services"

urlpatterns = [
    path("appointments/book/", views.book_service, name="book_service"),
    path("appointments/book/time/", views.book_slot, name="book_slot"),
    path("appointments/book/details/", views.book_contact, name="book_contact"),
    path("appointments/book/done/", views.book_done, name="book_done"),
    path("appointments/status/", views.status_lookup, name="status_lookup"),
    path("appointments/status/<str:reference>/", views.status_detail, name="status_detail"),
    path("appointments/status/<str:reference>/cancel/", views.status_cancel, name="status_cancel"),
    # A sign-up's secret link (status and cancel); independent of where its event page lives.
    path(
        "volunteering/signups/<str:token>/",
        volunteering_views.signup_status,
        name="volunteer_signup",
    ),
    # Calendar files: real .ics addresses (Wagtail page routes cannot end in a file name).
    path("volunteering/upcoming.ics", volunteering_views.upcoming_feed, name="volunteer_feed"),
    path(
        "volunteering/events/<id:page_id>.ics",
        volunteering_views.event_ics,
        name="volunteer_event_ics",
    ),
]
