from django.urls import path

from services import views_volunteering

urlpatterns = [
    # A sign-up's secret link (status and cancel); independent of where its event page lives.
    path(
        "volunteering/signups/<str:token>/",
        views_volunteering.signup_status,
        name="volunteer_signup",
    ),
]
