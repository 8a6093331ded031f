"""Where cached pages live: the shared cache (Redis), fronted by a small per-process copy.

A publish can change menus, listings and search results on any page, so invalidation retires
every cached page at once: each stored page carries the generation number it was rendered in,
and invalidation bumps the generation. A page and the current generation are read from the
shared cache in one round trip (get_many); a page of an older generation is a miss, so a page
rendered while something was published is never served afterwards.

Each process also keeps the pages it served recently and the generation it last read, for
HEMEI_PAGE_CACHE_LOCAL_SECONDS: a hit then costs no network round trip at all. The process that
publishes forgets its copy at once; other processes notice within that many seconds (1 s by
default; 0 turns the local copy off).
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from home import generation
from home.generation import FIRST_GENERATION, GENERATION_KEY


class LocalCopy:
    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self):
        self.generation = None
        self.checked_at = 0.0
        self.pages = OrderedDict()

    def fresh_generation(self):
        seconds = getattr(settings, "HEMEI_PAGE_CACHE_LOCAL_SECONDS", 0)
        if self.generation is not None and time.monotonic() - self.checked_at < seconds:
            return self.generation
        return None

    def remember_generation(self, generation):
        if generation != self.generation:
            self.pages.clear()
        self.generation = generation
        self.checked_at = time.monotonic()

    def get(self, key, generation):
        entry = self.pages.get(key)
        if entry is not None and entry[0] == generation:
            self.pages.move_to_end(key)
            return entry[1]
        return None

    def put(self, key, generation, frozen):
        if getattr(settings, "HEMEI_PAGE_CACHE_LOCAL_SECONDS", 0) <= 0:
            return
        self.pages[key] = (generation, frozen)
        self.pages.move_to_end(key)
        while len(self.pages) > getattr(settings, "HEMEI_PAGE_CACHE_LOCAL_ENTRIES", 200):
            self.pages.popitem(last=False)


local = LocalCopy()


def bump_generation() -> None:
    with local.lock:
        local.forget()
    generation.bump_generation()


def page_key(host: str, full_path: str, language: str, text_size: str, community="") -> str:
    parts = (host, full_path, language, text_size, community)
    digest = hashlib.sha256("\n".join(parts).encode())
    return f"hemei:pagecache:{digest.hexdigest()}"


def read(key):
    """(current generation, the page stored under key if it is of that generation, else None)."""
    with local.lock:
        generation = local.fresh_generation()
        if generation is not None:
            frozen = local.get(key, generation)
            if frozen is not None:
                return generation, frozen
    if generation is None:
        values = cache.get_many([GENERATION_KEY, key])
        generation = values.get(GENERATION_KEY)
        if generation is None:
            # add() so that workers starting together agree on the first generation.
            cache.add(GENERATION_KEY, FIRST_GENERATION, timeout=None)
            generation = cache.get(GENERATION_KEY, FIRST_GENERATION)
        stored = values.get(key)
    else:
        stored = cache.get(key)
    with local.lock:
        local.remember_generation(generation)
        if stored is not None and stored[0] == generation:
            local.put(key, generation, stored[1])
            return generation, stored[1]
    return generation, None


def write(key, generation, frozen, timeout):
    cache.set(key, (generation, frozen), timeout)
    with local.lock:
        if local.generation == generation:
            local.put(key, generation, frozen)
