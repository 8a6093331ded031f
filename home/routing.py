"""Wagtail's routing, remembered per content generation (`home.generation`).

Wagtail finds the page of a URL one tree level at a time: the site's root page, then for each
path segment the child with that slug and its specific row (two statements a level), then the
page's ancestors and their view restrictions (two more). The answer only changes when a page
is published, unpublished, moved or deleted or a privacy setting is saved, and each of those
bumps the generation. So `remember_routes()` (from `HomeConfig.ready`) keeps, per site,
language and page path, which page the tree walk reached and whether any view restriction applies
to it; a request then loads that one page by id (one statement) and lets it route the rest of
the path itself (a routable page's sub-pages, a live check). A page's URL is checked against
the one remembered, so a slug saved without publishing, or an id reused after a rollback,
falls back to the full walk instead of serving the wrong page. Only routes that resolved are
kept: a request for an unknown path stores nothing. Routes are kept under the path of the page
reached, so the many sub-paths a routable page serves share one entry (`_remembered`).
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from .generation import DERIVED_TIMEOUT, current_generation

# Deeper paths are routed by Wagtail alone (one cache key is read per path level).
MAX_COMPONENTS = 12


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
    """Wagtail's `Page.route` down the tree while pages route only to their children.

    Returns the page reached, how many components it consumed and whether a live routable
    page let the walk pass to its child: that choice depended on the rest of this path."""
    page, consumed, exact = root, 0, False
    while consumed < len(components) and _routes_to_child(page, components[consumed:]):
        if page.live and type(page).route is RoutablePageMixin.route:
            exact = True
        try:
            child = page.get_children().get(slug=components[consumed])
        except Page.DoesNotExist as e:
            raise Http404 from e
        child._cached_parent_obj = page
        page, consumed = child.specific, consumed + 1
    return page, consumed, exact


def _load(entry):
    page_id, label, consumed, url_path = entry[:4]
    try:
        page = apps.get_model(label).objects.get(pk=page_id)
    except (LookupError, Page.DoesNotExist):
        return None
    return page if page.url_path == url_path else None


def _key(site, components, exact=False):
    """The memo key of a page path (hashed: a path may be longer than a cache key may be)."""
    path = "/".join(components)
    digest = hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
    kind = "exact" if exact else "page"
    return f"hemei:derived:route:{site.pk}:{translation.get_language()}:{kind}:{digest}"


def _remembered(site, components, generation):
    """(entry, key) of the deepest page remembered on this path, or (None, None).

    A page's route is kept under the page's own path, not the request's: the sub-paths a
    routable page serves (one per survey token, article, compound...) share its entry. One
    cache round trip reads every prefix of the path (and the path itself, for routes kept
    only for it)."""
    keys = [_key(site, components[:n]) for n in range(len(components), -1, -1)]
    exact_key = _key(site, components, exact=True)
    stored = cache.get_many([exact_key, *keys])
    for key in (exact_key, *keys):
        value = stored.get(key)
        if value is not None and value[0] == generation:
            return value[1], key
    return None, None


def route_for_request(request, path):
    """`Page.route_for_request` with the tree walk remembered (see the module docstring)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request)
    components = [component for component in path.split("/") if component]
    if site is None or len(components) > MAX_COMPONENTS:
        return _original(request, path)
    generation = current_generation(request)
    entry, stored_key = _remembered(site, components, generation)
    page = _load(entry) if entry is not None else None
    try:
        if page is None:
            entry = None
            page, consumed, exact = _walk(site.root_page.localized.specific, components)
        else:
            # The page remembered routes the rest; a child of it may not be remembered yet.
            start = entry[2]
            page, further, exact = _walk(page, components[start:])
            exact = exact or stored_key == _key(site, components, exact=True)
            consumed = start + further
            if further:
                entry = None
    except Http404:
        request._wagtail_route_for_request = None
        return None
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
        # A walk that passed a routable page holds only for this path (another sub-path may
        # be that page's own); any other holds for every path below the page reached.
        key = _key(site, components, exact=True) if exact else _key(site, components[:consumed])
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
