"""Searches batched per results page: one FTS statement shared (SQLite), index scans asked for
once (PostgreSQL).

A results page runs one search per content type; `one_site_search()` marks the block, and the
vendor backends (``search.backends.sqlite``, ``search.backends.postgres``) read the two context
variables below to share their work inside it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

# Set by `one_site_search()`: FTS rows shared by the searches of one site search (SQLite).
shared_matches: ContextVar[dict | None] = ContextVar("shared_matches", default=None)
# Set by `one_site_search()`: sequential scans are already off for the block (PostgreSQL).
index_scans_on: ContextVar[bool] = ContextVar("index_scans_on", default=False)


@contextmanager
def one_site_search():
    """The many searches of one results page, run as one batch.

    SQLite: searches for the same words share one FTS statement. PostgreSQL: the index-only
    plans that each search statement would ask for on its own (see `index_scans`) are asked
    for once, in one transaction, rather than around every statement.
    """
    token = shared_matches.set({})
    try:
        if connection.vendor == "postgresql":
            with _seqscan_off(connection.alias):
                flag = index_scans_on.set(True)
                try:
                    yield
                finally:
                    index_scans_on.reset(flag)
        else:
            yield
    finally:
        shared_matches.reset(token)


@contextmanager
def _seqscan_off(using):
    """SET LOCAL enable_seqscan = off for the block; the previous value is put back after.

    SET LOCAL lasts until the transaction ends, which may be an outer one: hence the restore.
    """
    from django.db import connections, transaction

    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        previous = cursor.fetchone()[0]
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def index_scans(using, run):
    """``run()`` with PostgreSQL's sequential scans off (once per `one_site_search()`).

    PostgreSQL costs ``(title || body) @@ query`` as cheap per row, so when a word is in half
    the documents it prefers reading the whole table, which detoasts and concatenates every
    body (50 ms at 10,000 notices against 15 ms through the GIN index of migration 0004).
    """
    if index_scans_on.get():
        return run()
    with _seqscan_off(using):
        return run()
