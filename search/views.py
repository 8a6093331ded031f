from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from home.communities import community_choices
from home.generation import derived
from home.models import Compound, SiteSettings
from home.pagination import page_number, paginate

from .backends.batch import one_site_search
from .forms import CITY_WIDE, SearchForm
from .promotions import editors_picks, log_search
from .query import MAX_QUERY_CHARS, query_tokens
from .results import SiteSearch
from .suggestions import COMMON_TERMS, suggestions

PER_PAGE = 10
MAX_PAGE = 100
AUTOCOMPLETE_LIMIT = 8


def current_locale():
    return Locale.objects.filter(language_code=translation.get_language()).first()


@require_GET
def search(request):
    locale = current_locale()
    compounds = _compounds(request, locale)
    # Defaults to the community the resident picked (cookie); "all" searches the city.
    communities = community_choices(request)
    picked = request.COOKIES.get(settings.COMMUNITY_COOKIE, "")
    form = SearchForm(
        request.GET or None,
        compounds=compounds,
        communities=communities,
        default_community=picked,
    )
    query = form.query if form.is_bound else ""
    filters = form.filters() if form.is_bound else None
    context = {"form": form, "search_query": query, "has_words": bool(query_tokens(query))}
    if context["has_words"]:
        with one_site_search():
            _run_search(request, context, query, filters, locale)
    else:
        context["common_terms"] = COMMON_TERMS
    return TemplateResponse(request, "search/search.html", context)


def _compounds(request, locale) -> list:
    """The compound filter's choices: every compound of the language, kept per content
    generation (a compound's save starts a new one), not read on every results page."""
    if locale is None:
        return []
    return derived(
        f"search:compounds:{locale.pk}",
        lambda: list(Compound.objects.filter(locale=locale).order_by("name")),
        request,
    )


def _run_search(request, context, query, filters, locale):
    """Search, paginate, count and log, filling `context`; everything is evaluated here."""
    first_page = page_number(request.GET.get("page"), MAX_PAGE) == 1
    picks = editors_picks(query, locale) if first_page and not filters.any else []
    site_search = SiteSearch(
        query,
        locale=locale,
        filters=filters,
        request=request,
        exclude_pages=[pick.page_id for pick in picks if pick.page_id],
    )
    # Deep pages cost a merge of every source down to that depth: MAX_PAGE caps it.
    page_obj = paginate(request, site_search.results, PER_PAGE, max_page=MAX_PAGE)
    total = site_search.total + len(picks)
    if first_page:
        log_search(query, total)
    context.update(
        site_search=site_search,
        results=page_obj,
        picks=picks,
        total=total,
        querystring=_querystring_without_page(request),
        city_wide_query=_querystring_without_page(request, community=CITY_WIDE),
    )
    if not total:
        context.update(
            suggestions=suggestions(query),
            common_terms=COMMON_TERMS,
            site_settings=SiteSettings.for_request(request),
        )


def _querystring_without_page(request, **replace) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in replace.items():
        params[name] = value
    return params.urlencode()


@require_GET
def autocomplete(request):
    """Titles that start like what is typed, as JSON: [{"title": …, "url": …}, …]."""
    query = (request.GET.get("q") or "").replace("\x00", "")[:MAX_QUERY_CHARS]
    suggestions_found = []
    if query_tokens(query):
        pages = Page.objects.live().public().filter(depth__gt=1)
        locale = current_locale()
        if locale is not None:
            pages = pages.filter(locale=locale)
        for page in pages.autocomplete(query)[:AUTOCOMPLETE_LIMIT]:
            suggestions_found.append({"title": page.title, "url": page.get_url(request)})
    return JsonResponse({"query": query, "results": suggestions_found})
