"""A Redis cache that an outage slows down to "no cache" instead of breaking every page.

The cache only accelerates Hemei (page cache, rate-limit counters, Wagtail's own caching);
the database holds everything that matters. When Redis does not answer, each operation
behaves as if the cache were empty and forgetful: reads miss, writes are dropped, `add`
reports the key was not added, `incr` raises ValueError as for a missing key. The first
failure opens a breaker for HEMEI_CACHE_RETRY_SECONDS (5 s by default): during that time Redis
is not asked at all, so an outage costs each request nothing, and it is logged once per
breaker period rather than once per request.

What callers see while Redis is down: pages are rendered on every request (uncached); rate
limits count nothing, so forms are accepted (the honeypot and CSRF still apply; chosen over
refusing residents for our own outage, see README "Security"); `/healthz` reports the cache
as down (503), so the load balancer and the operator know.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 5.0
FAILURES = (RedisError, OSError)


class Breaker:
    """Remembers that the cache failed, until a retry is due."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0

    def is_open(self):
        return time.monotonic() < self.down_until

    def trip(self, error):
        seconds = getattr(settings, "HEMEI_CACHE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
        with self.lock:
            already_down = self.is_open()
            self.down_until = time.monotonic() + seconds
        if not already_down:
            logger.warning(
                "Cache unavailable (%s: %s); serving without it, retrying in %ss",
                type(error).__name__,
                error,
                seconds,
            )

    def reset(self):
        with self.lock:
            self.down_until = 0.0


breaker = Breaker()


def _guarded(name, fallback):
    method = getattr(RedisCache, name)

    def guarded(self, *args, **kwargs):
        if breaker.is_open():
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except FAILURES as error:
            breaker.trip(error)
            return fallback(*args, **kwargs)

    guarded.__name__ = name
    guarded.__doc__ = method.__doc__
    return guarded


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (cache unavailable)")


class ResilientRedisCache(RedisCache):
    add = _guarded("add", lambda *a, **k: False)
    get = _guarded("get", lambda key, default=None, *a, **k: default)
    set = _guarded("set", lambda *a, **k: None)
    touch = _guarded("touch", lambda *a, **k: False)
    delete = _guarded("delete", lambda *a, **k: False)
    get_many = _guarded("get_many", lambda *a, **k: {})
    has_key = _guarded("has_key", lambda *a, **k: False)
    incr = _guarded("incr", _missing_key)
    set_many = _guarded("set_many", lambda data, *a, **k: list(data))
    delete_many = _guarded("delete_many", lambda *a, **k: None)
    clear = _guarded("clear", lambda *a, **k: False)

    def ping(self):
        """Ask Redis directly, past the breaker (for /healthz); raises if it does not answer."""
        self._cache.get_client(write=True).ping()
        breaker.reset()
