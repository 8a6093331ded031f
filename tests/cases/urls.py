"""The public case URLs' names (built on the cases-public branch), so that this branch's tests
can build survey links and log addresses without those views."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns


def placeholder(request, **kwargs):
    return HttpResponse("")


public_cases = (
    [
        path("reports/survey/<str:token>/", placeholder, name="survey"),
        path("reports/log/<str:public_number>/", placeholder, name="log_detail"),
    ],
    "cases",
)
urlpatterns = [path("", include(public_cases)), *site_urlpatterns]
