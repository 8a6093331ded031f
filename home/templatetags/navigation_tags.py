"""Header, breadcrumb and language switch: derived from the page tree once per generation.

Every page shows them, and each used to re-query the tree (site root, menu children,
ancestors, translations) on every request. What they show changes only when pages are
published, unpublished, moved or deleted, which is when the content generation
(`home.generation`) is bumped: they are kept per generation as plain titles and URLs.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from home.communities import chosen_community, community_choices
from home.generation import derived
from home.visibility import public_page_q

register = template.Library()

# What the language switch shows on a phone, where the full names would push the header onto a
# further line; the full name stays the link's accessible name.
SHORT_LANGUAGE_NAMES = {"zh-hans": "中文", "en": "EN"}


def _site(request):
    cache_attr = "_hemei_site"
    if not hasattr(request, cache_attr):
        setattr(request, cache_attr, Site.find_for_request(request))
    return getattr(request, cache_attr)


def _localized_root(request):
    """The site's home page in the active language (falls back to the default language)."""
    cache_attr = "_hemei_localized_root"
    if hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    site = _site(request)
    root = site.root_page.localized if site else None
    setattr(request, cache_attr, root)
    return root


def _link(page, request) -> dict:
    return {"title": page.title, "url": page.get_url(request), "path": page.path}


def _menu(request, root=None) -> dict:
    root = root or _localized_root(request)
    if root is None:
        return {"root": None, "items": []}
    items = root.get_children().live().filter(public_page_q()).in_menu()
    return {"root": _link(root, request), "items": [_link(item, request) for item in items]}


def _community_home_path(request, current_path):
    """The path of the community home (other than the site root's) `current_path` is in."""
    for choice in community_choices(request):
        if len(choice["path"]) > Page.steplen * 2 and current_path.startswith(choice["path"]):
            return choice["path"]
    return None


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The site root's sections, or, on a page of another community, that community's."""
    request = context["request"]
    site = _site(request)
    current_path = getattr(context.get("page"), "path", "")
    home_path = _community_home_path(request, current_path) if current_path else None
    key = f"menu:{site.pk if site else 0}:{translation.get_language()}:{home_path or ''}"

    def build():
        root = Page.objects.filter(path=home_path).first() if home_path else None
        return _menu(request, root)

    menu = derived(key, build, request)
    items = [{**item, "current": current_path.startswith(item["path"])} for item in menu["items"]]
    chosen = chosen_community(request)
    return {
        **menu,
        "items": items,
        "chosen": chosen,
        "current_path": current_path,
        "request": request,
    }


@register.inclusion_tag("includes/community_picker.html", takes_context=True)
def community_picker(context):
    """A plain GET form choosing the resident's community (remembered in a cookie)."""
    request = context["request"]
    choices = community_choices(request)
    chosen = chosen_community(request, choices)
    return {"choices": choices, "chosen": chosen, "request": request}


@register.inclusion_tag("includes/my_community.html", takes_context=True)
def my_community(context, page=None):
    """The header's link to the resident's community; on a home page (`page`) of another
    community, an offer to go to theirs."""
    request = context["request"]
    chosen = chosen_community(request)
    elsewhere = chosen is not None and page is not None and page.path != chosen["path"]
    return {"chosen": chosen, "elsewhere": elsewhere, "page": page, "request": request}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page=None, extra=None):
    """Ancestors from the home page down; `extra` adds a last crumb for non-page views."""
    request = context["request"]
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page) and page.pk:
        site = _site(request)

        def build():
            ancestors = [p for p in page.get_ancestors().live() if p.depth > 1]
            return [_link(p, request) for p in [*ancestors, page]]

        if getattr(request, "is_preview", False):  # a draft's title must not be kept
            crumbs = build()
        else:
            crumbs = derived(f"crumbs:{site.pk if site else 0}:{page.pk}", build, request)
    return {"crumbs": crumbs, "extra": extra, "request": request}


def _subpage_path(page, request, own) -> str:
    """What a routable page's sub-route adds to its URL (e.g. ``firms/jiangnan/``), or "".

    A translation has the same routes, so the switch keeps the reader on the same firm,
    article or station rather than sending them to the other language's index page.
    """
    resolve = getattr(page.specific, "resolve_subpage", None)
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


def _translation_urls(page, request) -> dict:
    """{language code: URL} of `page` in every language it is live in, then of the home page."""
    urls = {}
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        urls[translated.locale.language_code] = translated.get_url(request)
    root = _localized_root(request)
    if root is not None and len(urls) < len(settings.LANGUAGES):
        for home in root.get_translations(inclusive=True).live().select_related("locale"):
            urls.setdefault(home.locale.language_code, (home.get_url(request), True))
    return urls


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in every language; to that language's home page when untranslated."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    is_page = isinstance(page, Page) and page.pk
    urls = {}
    if is_page:
        site = _site(request)
        key = f"translations:{site.pk if site else 0}:{current}:{page.pk}"
        found = derived(key, lambda: _translation_urls(page, request), request)
        subpath = _subpage_path(page, request, page.get_url(request))
        for code, url in found.items():
            if isinstance(url, tuple):  # the home page of an untranslated language
                urls[code] = url[0]
            else:
                urls[code] = url + subpath if url else url
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


@register.simple_tag(takes_context=True)
def footer_contact(context):
    """The footer's contact: the community's of the page shown, else the site's."""
    from home.contact import footer_contact as contact

    request = context.get("request")
    if request is None:
        return {}
    return contact(request, context.get("page"))
