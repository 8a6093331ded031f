"""Anonymous public page views read from a PostgreSQL read replica, when one is configured.

Installed only when DATABASE_REPLICA_URL is set (config/settings/base.py): the middleware
decides per request whether its reads may go to the replica, the router sends them there.
Everything else reads from and writes to the primary ("default"):

- writes, always (and every read of a queryset about to write: Django routes those as writes);
- anything inside a transaction (`atomic`), so a request reads its own writes;
- requests that are not GET/HEAD, that carry a session cookie (staff, previews, a resident
  in the middle of a booking), or that are under the admin or another staff prefix;
- for HEMEI_REPLICA_SETTLE_SECONDS after this process first sees a new content generation
  (home/generation.py, bumped on every publish and snippet save): a lagging replica would
  otherwise render the old content, and the page cache would keep it under the new number;
- for HEMEI_REPLICA_RETRY_SECONDS after the replica refused a connection: a replica that is
  down costs nothing but its load shifting to the primary (logged once per period).
"""

import contextvars
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections

from home.generation import current_generation

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
# Staff and machine prefixes never read from the replica (they may act on what they read).
PRIMARY_PREFIXES = ("/admin/", "/django-admin/", "/healthz")
SAFE_METHODS = ("GET", "HEAD")

_use_replica = contextvars.ContextVar("hemei_use_replica", default=False)


class ReplicaState:
    """Per-process memory: when the replica last failed, when a new generation appeared."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.generation = None
        self.generation_seen_at = 0.0

    def is_down(self):
        return time.monotonic() < self.down_until

    def trip(self, error):
        seconds = getattr(settings, "HEMEI_REPLICA_RETRY_SECONDS", 30)
        with self.lock:
            already_down = self.is_down()
            self.down_until = time.monotonic() + seconds
        if not already_down:
            logger.warning(
                "Read replica unavailable (%s: %s); reading from the primary for %ss",
                type(error).__name__,
                error,
                seconds,
            )

    def settled(self, generation):
        """False while a generation this process just met may not have reached the replica."""
        now = time.monotonic()
        with self.lock:
            if generation != self.generation:
                self.generation = generation
                self.generation_seen_at = now
            seen_at = self.generation_seen_at
        return now - seen_at >= getattr(settings, "HEMEI_REPLICA_SETTLE_SECONDS", 5)

    def reset(self):
        with self.lock:
            self.down_until = 0.0
            self.generation = None
            self.generation_seen_at = 0.0


state = ReplicaState()


def is_public_read(request):
    """A request whose reads may come from the replica, judged without touching a database."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(PRIMARY_PREFIXES)
    )


def replica_available():
    if state.is_down():
        return False
    try:
        # Cheap with persistent connections: only connects when there is no live one.
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        state.trip(error)
        return False
    return True


class ReplicaMiddleware:
    """Marks the anonymous public reads of a request as allowed to use the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        use = (
            is_public_read(request)
            and state.settled(current_generation(request))
            and replica_available()
        )
        token = _use_replica.set(use)
        request.hemei_read_database = REPLICA if use else PRIMARY
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)


class ReplicaRouter:
    """Reads marked by ReplicaMiddleware go to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _use_replica.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by replication, never by migrate.
        return db == PRIMARY
