"""Lookups that every request repeated, kept per content generation (`home.generation`).

Each uncached page used to ask the database for the Site of the request, the active Locale
(Wagtail asks twice: routing and `Page.localized`) and the footer's site settings: four
statements that return the same rows until an editor saves a site, a locale or the settings,
and each of those saves bumps the content generation (`caching/invalidation.py`). So they
are read once per generation from the shared cache.

- `SiteLookupMiddleware` puts the Site on the request where Wagtail looks for it
  (`request._wagtail_site`, the attribute `Site.find_for_request` fills).
- `remember_locales()` (from `HomeConfig.ready`) makes `Locale.objects.get_for_language`,
  which `Locale.get_active()` and `Locale.get_default()` use, read through the same cache;
  an unknown language still raises `Locale.DoesNotExist` as before.
- `SiteSettings.for_site` (home/models/site_settings.py) reads through `derived` too.
"""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.i18n import LocaleManager

from .generation import derived


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # /healthz reports on the database and the cache itself: a lookup through them here
        # would answer for it with an exception instead of its own 503 that names the part.
        if request.path_info != "/healthz" and not hasattr(request, "_wagtail_site"):
            hostname = split_domain_port(request._get_raw_host())[0]
            port = request.get_port()
            request._wagtail_site = derived(
                f"site:{hostname}:{port}", lambda: Site._find_for_request(request), request
            )
        return self.get_response(request)


def remember_locales():
    original = LocaleManager.get_for_language
    if getattr(original, "remembered", False):
        return

    def get_for_language(self, language_code):
        return derived(f"locale:{language_code}", lambda: original(self, language_code))

    get_for_language.remembered = True
    LocaleManager.get_for_language = get_for_language
