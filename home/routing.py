"""Wagtail's routing, remembered per content generation (`home.generation`).

Wagtail finds the page of a URL one tree level at a time: the site's root page, then for each
path segment the child with that slug and its specific row (two statements a level), then the
page's ancestors and their view restrictions (two more). The answer only changes when a page
is published, unpublished, moved or deleted or a privacy setting is saved, and each of those
bumps the generation. So `remember_routes()` (from `HomeConfig.ready`) keeps, per site,
language and path, which page the tree walk reached and whether any view restriction applies
to it; a request then loads that one page by id (one statement) and lets it route the rest of
the path itself (a routable page's sub-pages, a live check). A page's URL is checked against
the one remembered, so a slug saved without publishing, or an id reused after a rollback,
falls back to the full walk instead of serving the wrong page. Only routes that resolved are
kept: a request for an unknown path stores nothing.
"""

from django.apps import apps
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from .generation import DERIVED_TIMEOUT, current_generation


def _routes_to_child(page, remaining):
    """Whether `page.route(request, remaining)` would only look for a child page."""
    route = type(page).route
    if route is Page.route:
        return True
    if route is not RoutablePageMixin.route:
        return False
    if not page.live:
        return True
    try:
        page.resolve_subpage("/" + "/".join(remaining) + "/")
    except Http404:
        return True  # as RoutablePageMixin.route, which then asks Page.route
    return False


def _walk(root, components):
    """Wagtail's `Page.route` down the tree while pages route only to their children."""
    page, consumed = root, 0
    while consumed < len(components) and _routes_to_child(page, components[consumed:]):
        try:
            child = page.get_children().get(slug=components[consumed])
        except Page.DoesNotExist as e:
            raise Http404 from e
        child._cached_parent_obj = page
        page, consumed = child.specific, consumed + 1
    return page, consumed


def _load(entry):
    page_id, label, consumed, url_path = entry[:4]
    try:
        page = apps.get_model(label).objects.get(pk=page_id)
    except (LookupError, Page.DoesNotExist):
        return None
    return page if page.url_path == url_path else None


def route_for_request(request, path):
    """`Page.route_for_request` with the tree walk remembered (see the module docstring)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request)
    if site is None:
        return _original(request, path)
    components = [component for component in path.split("/") if component]
    key = f"hemei:derived:route:{site.pk}:{translation.get_language()}:{'/'.join(components)}"
    generation = current_generation(request)
    stored = cache.get(key)
    page = None
    if stored is not None and stored[0] == generation:
        entry = stored[1]
        page = _load(entry)
    if page is None:
        entry = None
        try:
            page, consumed = _walk(site.root_page.localized.specific, components)
        except Http404:
            request._wagtail_route_for_request = None
            return None
    else:
        consumed = entry[2]
    try:
        result = page.route(request, components[consumed:])
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    if result is None:
        return None
    target = result[0]
    if entry is None:
        restricted = _original_restrictions(target).exists()
        entry = (page.pk, page._meta.label_lower, consumed, page.url_path, target.pk, restricted)
        cache.set(key, (generation, entry), DERIVED_TIMEOUT)
    if target.pk == entry[4] and not entry[5]:
        target._hemei_unrestricted = True
    return result


def get_view_restrictions(self):
    """No statement for a page its route found unrestricted in this generation."""
    if getattr(self, "_hemei_unrestricted", False):
        return PageViewRestriction.objects.none()
    return _original_restrictions(self)


_original = Page.route_for_request
_original_restrictions = Page.get_view_restrictions


def remember_routes():
    if Page.route_for_request is not _original:
        return
    Page.route_for_request = staticmethod(route_for_request)
    Page.get_view_restrictions = get_view_restrictions
