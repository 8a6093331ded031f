"""A URLconf with only runserver's media patterns, for test_logs_and_media."""

from django.http import HttpResponseNotFound

from config.urls import dev_media_urlpatterns

urlpatterns = dev_media_urlpatterns()


def handler404(request, exception):
    return HttpResponseNotFound()
