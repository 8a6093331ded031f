import posixpath
import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

# A database outage answers 503 with Retry-After, anything else the plain 500 page.
handler500 = "home.error_views.server_error"

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]


def serve_media_but_documents(request, path):
    """Uploaded media for runserver, except documents.

    Documents may belong to a private collection; only Wagtail's document view (/documents/,
    WAGTAILDOCS_SERVE_METHOD = "serve_view") checks that, so their files are never served
    straight from MEDIA_ROOT, not even in development. The path is normalised first, as
    `serve` does, so ./documents/ or a/../documents/ cannot slip past.
    """
    from django.views.static import serve

    if posixpath.normpath(path).lstrip("/").lower().startswith("documents/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def dev_media_urlpatterns():
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media_but_documents)]


if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += dev_media_urlpatterns()

# Chinese lives at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("notices.urls")),
    path("", include("services.urls")),
    path("", include("cases.urls")),
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
