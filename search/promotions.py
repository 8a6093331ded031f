"""Editors' picks (wagtail.contrib.search_promotions) and the search query logs."""

import re

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from .analysis import normalize
from .models import ZeroResultQuery

MAX_LOGGED_CHARS = 100
PERSONAL_NUMBER = re.compile(r"\d[\d\s-]{5,}\d")


def logged_form(query: str) -> str:
    """The query as logged and as promotions are keyed: normalised, one space, bounded."""
    return normalise_query_string(" ".join(normalize(query).split())[:MAX_LOGGED_CHARS])


def editors_picks(query: str, locale=None) -> list:
    """Promotions for this query, in the editors' order; pages must be live, in the language."""
    text = logged_form(query)
    if not text:
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=text)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    return [
        promotion
        for promotion in promotions
        if promotion.page is None
        or (promotion.page.live and (locale is None or promotion.page.locale_id == locale.pk))
    ]


def log_search(query: str, found: int) -> None:
    """Count the search in Wagtail's query log; also count it apart when it found nothing.

    A query with a long run of digits (a phone or ID number a resident typed) is not logged.
    """
    text = logged_form(query)
    if not text or PERSONAL_NUMBER.search(text):
        return
    Query.get(text).add_hit()
    if not found:
        ZeroResultQuery.objects.record(text)
