import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
PER_PAGE = 10


def clean_query(raw: str) -> str:
    """Keep words only: punctuation is query syntax to the backends (quotes, `*`, `NEAR(`)."""
    cleaned = re.sub(r"[^\w\s]|_", " ", raw)
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        locale = Locale.objects.filter(language_code=translation.get_language()).first()
        pages = Page.objects.live().public()
        if locale:
            pages = pages.filter(locale=locale)
        results = pages.specific().search(query)
    paginator = Paginator(results, PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": page_obj},
    )
