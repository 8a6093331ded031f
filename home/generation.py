"""The content generation: a number bumped whenever what readers see may have changed.

The page cache (`caching/`) stores every page with the generation it was rendered in and bumps
the generation on publish, unpublish, move, delete and snippet or setting saves. Anything else
derived from the page tree (menus, breadcrumbs, language links, see
`home/templatetags/navigation_tags.py`) is kept under the same number, so it is retired by the
same invalidation without knowing about it.
"""

from django.core.cache import cache

GENERATION_KEY = "hemei:pagecache:generation"
FIRST_GENERATION = 1
# Derived data outlives no generation; this only bounds what an idle key holds on to.
DERIVED_TIMEOUT = 24 * 3600


def current_generation(request=None) -> int:
    """The current generation, read once per request (kept on `request` if given)."""
    attr = "_hemei_generation"
    if request is not None and hasattr(request, attr):
        return getattr(request, attr)
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() so that processes starting together agree on the first generation.
        cache.add(GENERATION_KEY, FIRST_GENERATION, timeout=None)
        generation = cache.get(GENERATION_KEY, FIRST_GENERATION)
    if request is not None:
        setattr(request, attr, generation)
    return generation


def bump_generation() -> None:
    """Retire everything kept for the current generation (caching.keys also forgets its copy)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): start over above any value stored with one
        cache.set(GENERATION_KEY, FIRST_GENERATION + 1, timeout=None)


def derived(key: str, build, request=None):
    """`build()`, computed once per generation and kept in the shared cache under `key`.

    The value must be picklable and must not depend on anything the generation does not
    follow (a value per language or page goes into `key`).
    """
    generation = current_generation(request)
    full_key = f"hemei:derived:{key}"
    stored = cache.get(full_key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = build()
    cache.set(full_key, (generation, value), DERIVED_TIMEOUT)
    return value


def fragment_version(request):
    """The version under which a rendered template fragment built only from published content
    (as `derived` values are) is kept with `{% cache … fragment_version %}`: the generation,
    the day (for what shows as overdue or expired), the site and the language. None in a
    preview, whose draft must never be kept under the page's id.
    """
    from django.utils import timezone, translation

    if getattr(request, "is_preview", False):
        return None
    site = getattr(request, "_wagtail_site", None)
    return (
        f"{current_generation(request)}:{timezone.localdate()}:"
        f"{site.pk if site else ''}:{translation.get_language()}"
    )
