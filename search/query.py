"""Turn what a resident typed into a search-query tree that every backend understands.

Each query token becomes a group of alternatives: the token itself, its synonyms from the
editable list (业委会 → 业主委员会 …) and, for a long token, its sub-words together (物业服务 →
物业 AND 服务), so that a dictionary word on one side still matches text segmented
differently on the other. Groups are joined with AND (or OR when asked).

A month the query names however a resident writes it (2026年10月, 10月, 2026-10, 上个月,
本月, "last month"; see `home.months`) is searched as the site writes months in the current
language (`month_words`: 2026年10月, "October 2026"), which is how titles and the indexed
dates of monthly pages (`search_month_text`) say it.
"""

import calendar

from django.conf import settings
from django.utils import translation
from modelsearch.query import And, Or, PlainText

from home.months import find_month, normalise

from .analysis import sub_words, tokenize

# A resident's question has a handful of words; more is pasted text, and each extra group
# makes the database query larger.
MAX_QUERY_TOKENS = 12
MAX_QUERY_CHARS = 200


def synonym_map() -> dict[str, list[str]]:
    from .models import SearchSynonym

    try:
        return SearchSynonym.synonym_map()
    except Exception:  # noqa: BLE001 - the table may not exist yet (before migrate)
        return {}


def month_words(month, language_code=None) -> str:
    """How the site writes `month` in a language: 2026年10月, or "October 2026"."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    if language_code.lower().startswith("zh"):
        return f"{month.year}年{month.month}月"
    return f"{calendar.month_name[month.month]} {month.year}"


def named_month(raw: str):
    """The first day of the month the query names, or None."""
    found = find_month((raw or "")[:MAX_QUERY_CHARS])
    return found.month if found else None


def with_month_words(raw: str) -> str:
    """`raw` with the month it names (if any) written as the site writes months."""
    found = find_month(raw)
    if found is None:
        return raw
    text = normalise(raw)
    return f"{text[: found.start]} {month_words(found.month)} {text[found.end :]}"


def query_tokens(raw: str) -> list[str]:
    raw = raw or ""
    if len(raw) > MAX_QUERY_CHARS:
        # Cut at a space if there is one, so that the last word is not cut in half.
        cut = raw[:MAX_QUERY_CHARS]
        raw = cut.rsplit(None, 1)[0] if raw[MAX_QUERY_CHARS].strip() and " " in cut else cut
    tokens = tokenize(with_month_words(raw))
    return list(dict.fromkeys(tokens))[:MAX_QUERY_TOKENS]


def alternatives(token: str, synonyms: dict[str, list[str]]) -> list[list[str]]:
    """The token lists that may stand in for `token`, the token itself first."""
    found: list[list[str]] = [[token]]
    for word in synonyms.get(token, ()):
        words = tokenize(word)
        if words and words not in found:
            found.append(words)
    # cut_for_search overlaps (业主 委员 委员会); keep the words that are not inside another.
    parts = [p for p in sub_words(token) if not any(p != q and p in q for q in sub_words(token))]
    if len(parts) > 1 and parts not in found:
        # Only two or more parts together: one part alone (物业 of 物业费) would widen the query.
        found.append(parts)
    return found


def build_query(raw: str, operator: str = "and"):
    """A modelsearch query for `raw`, or None when nothing searchable is left."""
    synonyms = synonym_map()
    groups = []
    for token in query_tokens(raw):
        options = [
            PlainText(" ".join(words), operator="and") for words in alternatives(token, synonyms)
        ]
        groups.append(options[0] if len(options) == 1 else Or(options))
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    return And(groups) if operator == "and" else Or(groups)
