"""A full-response cache for anonymous visitors.

Most readers are anonymous and read the same few pages; rendering a Wagtail page takes tens of
SQL queries, serving it from the cache takes one cache round trip. The cache is keyed by host, full
path (with query string), language and the text-size and community cookies, and is bypassed for:

- anything but GET/HEAD;
- requests with a session cookie (signed-in staff, previews, anything stateful);
- the admin, documents and other non-page prefixes (HEMEI_PAGE_CACHE_SKIP_PREFIXES);
- responses that are not 200, are streamed, set a cookie (CSRF tokens of forms, messages) or
  say `private`/`no-store`/`no-cache`, or that touched the session.

Invalidation is in invalidation.py (publish, unpublish, move, delete, snippet saves).
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from .keys import page_key, read, write

DEFAULT_SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    "/i18n/",
    "/static/",
    "/media/",
)
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Hemei-Cache"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Signed-in pages must never land in a shared cache.
                patch_cache_control(response, private=True)
            return response

        key = page_key(
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            request.COOKIES.get(settings.TEXT_SIZE_COOKIE, ""),
            request.COOKIES.get(settings.COMMUNITY_COOKIE, ""),
        )
        generation, cached = read(key)
        if cached is not None:
            response = self.rebuild(cached)
            response[STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            self.mark_public(response)
            write(key, generation, self.freeze(response), settings.HEMEI_PAGE_CACHE_TIMEOUT)
            response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def is_cacheable_request(request):
        if not getattr(settings, "HEMEI_PAGE_CACHE", False):
            return False
        if request.method not in ("GET", "HEAD"):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        prefixes = getattr(settings, "HEMEI_PAGE_CACHE_SKIP_PREFIXES", DEFAULT_SKIP_PREFIXES)
        return not request.path_info.startswith(tuple(prefixes))

    @staticmethod
    def is_cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
            return False
        session = getattr(request, "session", None)
        return not (session is not None and session.modified)

    @staticmethod
    def mark_public(response):
        patch_cache_control(response, public=True, max_age=settings.HEMEI_PAGE_CACHE_MAX_AGE)
        # The text-size and community cookies change the page; Accept-Language does not (the
        # path decides).
        patch_vary_headers(response, ("Cookie",))
        if not response.has_header("ETag"):
            set_response_etag(response)

    @staticmethod
    def freeze(response):
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def rebuild(frozen):
        status, headers, content = frozen
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
