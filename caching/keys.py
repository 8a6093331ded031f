"""Cache keys of the anonymous page cache.

Every key carries a generation number; invalidation bumps the generation, which retires every
cached page at once (cheap and correct: a publish can change menus, listings and search results
on any page, so per-URL invalidation would miss pages).
"""

import hashlib

from django.core.cache import cache

GENERATION_KEY = "hemei:pagecache:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # add() so that two workers starting together agree on the first generation.
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any fresh value retires old keys
        cache.set(GENERATION_KEY, 2, timeout=None)


def page_key(gen: int, host: str, full_path: str, language: str, text_size: str) -> str:
    digest = hashlib.sha256(
        "\n".join((host, full_path, language, text_size)).encode()
    ).hexdigest()
    return f"hemei:pagecache:{gen}:{digest}"
