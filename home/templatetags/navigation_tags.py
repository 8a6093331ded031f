"""Header, breadcrumb and language switch, computed once per request."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()

# What the language switch shows on a phone, where the full names would push the header onto a
# further line; the full name stays the link's accessible name.
SHORT_LANGUAGE_NAMES = {"zh-hans": "中文", "en": "EN"}


def _localized_root(request):
    """The site's home page in the active language (falls back to the default language)."""
    cache_attr = "_hemei_localized_root"
    if hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    site = Site.find_for_request(request)
    root = site.root_page.localized if site else None
    setattr(request, cache_attr, root)
    return root


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    root = _localized_root(request)
    current = context.get("page")
    items = list(root.get_children().live().in_menu()) if root else []
    return {
        "root": root,
        "items": items,
        "current_path": getattr(current, "path", ""),
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page=None, extra=None):
    """Ancestors from the home page down; `extra` adds a last crumb for non-page views."""
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page):
        crumbs = [p for p in page.get_ancestors().live() if p.depth > 1]
        crumbs.append(page)
    return {"crumbs": crumbs, "extra": extra, "request": context["request"]}


def _subpage_path(page, request) -> str:
    """What a routable page's sub-route adds to its URL (e.g. ``firms/jiangnan/``), or "".

    A translation has the same routes, so the switch keeps the reader on the same firm,
    article or station rather than sending them to the other language's index page.
    """
    resolve = getattr(page.specific, "resolve_subpage", None)
    own = page.get_url(request)
    if resolve is None or not own or not request.path.startswith(own):
        return ""
    subpath = request.path[len(own) :]
    if not subpath:
        return ""
    try:
        resolve("/" + subpath)
    except Exception:  # noqa: BLE001 - Http404 or a resolver error: not one of its routes
        return ""
    return subpath


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in every language; to that language's home page when untranslated."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    is_page = isinstance(page, Page) and page.pk
    urls = {}
    if is_page:
        subpath = _subpage_path(page, request)
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            url = translated.get_url(request)
            urls[translated.locale.language_code] = url + subpath if url else url
        root = _localized_root(request)
        if root is not None and len(urls) < len(settings.LANGUAGES):
            for home in root.get_translations(inclusive=True).live().select_related("locale"):
                urls.setdefault(home.locale.language_code, home.get_url(request))
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or ("/" if is_page else translate_url(request.get_full_path(), code))
        links.append(
            {
                "code": code,
                "name": name,
                "short_name": SHORT_LANGUAGE_NAMES.get(code, name),
                "url": url,
                "current": code == current,
            }
        )
    return {"links": links}
