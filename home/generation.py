"""The content generation: a number bumped whenever what readers see may have changed.

The page cache (`caching/`) stores every page with the generation it was rendered in and bumps
the generation on publish, unpublish, move, delete and snippet or setting saves. Anything else
derived from the page tree (menus, breadcrumbs, language links, see
`home/templatetags/navigation_tags.py`) is kept under the same number, so it is retired by the
same invalidation without knowing about it.

Records that no cacheable page follows (residents' reports change many times an hour, and
retiring every cached page on each would empty the page cache) get a generation of their own,
named by the app that owns them (`follow_records`): fragments built from them are kept under
`records_version` as well as `fragment_version`, so a saved record retires only those.
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


RECORDS_KEY = "hemei:records:generation:"
# Named record generations, in registration order (apps call `follow_records` from ready()).
_RECORD_NAMES: list[str] = []
# Rendered fragments built from records are kept this long at most: figures that change with
# the clock rather than with a save (a report past its acceptance deadline turns overdue at
# that minute) are at most this late, less than the anonymous page cache's own ten minutes.
RECORDS_FRAGMENT_TIMEOUT = 300


def bump_generation() -> None:
    """Retire everything kept for the current generation (caching.keys also forgets its copy)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): start over above any value stored with one
        cache.set(GENERATION_KEY, FIRST_GENERATION + 1, timeout=None)


def bump_records(*names: str) -> None:
    """Retire what was built from the records called `names` (see `follow_records`), or from
    any records without names (the query budgets' tests measure the statements of a rebuild)."""
    for name in names or _RECORD_NAMES:
        try:
            cache.incr(RECORDS_KEY + name)
        except ValueError:
            cache.set(RECORDS_KEY + name, FIRST_GENERATION + 1, timeout=None)


def follow_records(name: str, models) -> None:
    """Bump the record generation `name` whenever one of `models` is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    if name not in _RECORD_NAMES:
        _RECORD_NAMES.append(name)

    def retire(**kwargs):
        from django.db import transaction

        bump_records(name)
        # Again once the change is committed: a reader between the save and the commit would
        # have kept a fragment built from the old rows under the new number.
        transaction.on_commit(lambda: bump_records(name))

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(retire, sender=model, weak=False, dispatch_uid=f"hemei:{name}:{model}")


def records_version(request=None) -> str:
    """Every named record generation, read in one cache round trip (kept on `request`)."""
    attr = "_hemei_records_version"
    if request is not None and hasattr(request, attr):
        return getattr(request, attr)
    stored = cache.get_many([RECORDS_KEY + name for name in _RECORD_NAMES])
    version = ",".join(
        f"{name}{stored.get(RECORDS_KEY + name, FIRST_GENERATION)}" for name in _RECORD_NAMES
    )
    if request is not None:
        setattr(request, attr, version)
    return version


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


def fragment_version(request, records=False):
    """The version under which a rendered template fragment built only from published content
    (as `derived` values are) is kept with `{% cache … fragment_version %}`: the generation,
    the day (for what shows as overdue or expired), the site and the language. None in a
    preview, whose draft must never be kept under the page's id. With `records`, the record
    generations too (`records_version`), for a fragment that shows records; keep such a
    fragment no longer than RECORDS_FRAGMENT_TIMEOUT.
    """
    from django.utils import timezone, translation

    if getattr(request, "is_preview", False):
        return None
    site = getattr(request, "_wagtail_site", None)
    version = (
        f"{current_generation(request)}:{timezone.localdate()}:"
        f"{site.pk if site else ''}:{translation.get_language()}"
    )
    return f"{version}:{records_version(request)}" if records else version
