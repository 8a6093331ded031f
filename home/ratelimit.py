"""Fixed-window rate limits kept in the cache (Redis in production, shared by all workers).

The one limiter for every public form: appointment bookings, residents' reports, status
look-ups and the volunteer team's join and sign-up forms all count their hits here, per
`client_ip()`.

Count first, then act: `hit()` is one atomic `incr`, so of twelve requests sent at once
against a limit of ten exactly ten get through; checking `is_limited()` first and counting
afterwards lets all twelve pass the check. `release()` gives a hit back when the action did
not happen (the slot was taken meanwhile, the look-up succeeded). With the cache down
(caching/backend.py) nothing is counted and every request is let through.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

# name -> (max hits, window in seconds); override with the HEMEI_RATE_LIMITS setting.
DEFAULT_LIMITS = {
    "booking-ip": (10, 60 * 60),
    "booking-phone": (3, 24 * 60 * 60),
    "status-ip": (10, 15 * 60),
    "status-reference": (5, 15 * 60),
    "volunteer-join": (5, 60 * 60),
    "volunteer-signup": (10, 10 * 60),
    # Sending a sign-up's link again: each request texts a resident, so keep it rare.
    "volunteer-link-ip": (5, 60 * 60),
    "volunteer-link-mobile": (3, 24 * 60 * 60),
    # Residents' reports (cases): new reports, "me too", status look-ups, later updates.
    "report-ip": (5, 60 * 60),
    "report-support-ip": (20, 60 * 60),
    "report-status-ip": (10, 15 * 60),
    "report-status-reference": (5, 15 * 60),
    "report-update": (10, 24 * 60 * 60),
}


def _limit(name):
    return {**DEFAULT_LIMITS, **getattr(settings, "HEMEI_RATE_LIMITS", {})}[name]


def _key(name, value):
    # Hashed, so phone numbers and addresses never sit in the cache in clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"ratelimit:{name}:{digest}"


def is_limited(name, value):
    """True if `value` has used up its allowance for `name` (without counting a hit)."""
    limit, _window = _limit(name)
    return (cache.get(_key(name, value)) or 0) >= limit


def hit(name, value):
    """Count one hit; return True if that hit is over the limit."""
    limit, window = _limit(name)
    key = _key(name, value)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def release(name, value):
    """Give back one hit counted with `hit()` for something that did not happen after all."""
    try:
        cache.decr(_key(name, value))
    except ValueError:  # expired (or the cache is down): nothing to give back
        pass


def client_ip(request):
    """The client's address for rate limits.

    REMOTE_ADDR unless HEMEI_CLIENT_IP_HEADER names the header the site's own proxy sets
    (e.g. HTTP_X_REAL_IP). For X-Forwarded-For the rightmost entry is used: the one our proxy
    appended; entries to its left come from the client and can be forged.
    """
    header = getattr(settings, "HEMEI_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    if value:
        return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
