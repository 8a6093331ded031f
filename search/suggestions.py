"""Help for a search that found nothing: close spellings and other words for the same thing."""

import difflib
from functools import lru_cache

from .analysis import _read_words, normalize
from .query import query_tokens, synonym_map

# Shown on the zero-results page as starting points.
COMMON_TERMS = ("物业费", "业委会", "提示函", "社保验证", "党群服务站", "邻里厅", "志愿服务")


@lru_cache(maxsize=1)
def _dictionary_words() -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize(word) for word in _read_words("dictionary.txt")))


def vocabulary() -> list[str]:
    words = list(_dictionary_words())
    words.extend(word for word in synonym_map() if word not in words)
    return words


def suggestions(query: str, limit: int = 6) -> list[str]:
    """Words the resident may have meant: synonyms of the query's words, then close spellings."""
    tokens = query_tokens(query)
    synonyms = synonym_map()
    found = []
    for token in tokens:
        found.extend(word for word in synonyms.get(token, ()) if word != token)
    words = vocabulary()
    for token in tokens:
        if len(token) > 1:
            found.extend(difflib.get_close_matches(token, words, n=3, cutoff=0.6))
    # A query typed as one run (物业提示涵) is compared whole as well.
    joined = "".join(tokens)
    if len(tokens) > 1:
        found.extend(difflib.get_close_matches(joined, words, n=3, cutoff=0.6))
    return [word for word in dict.fromkeys(found) if word not in tokens and word != joined][:limit]
