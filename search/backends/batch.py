"""Searches batched per results page: one FTS statement shared (SQLite).

A results page runs one search per content type; `one_site_search()` marks the block, and the
vendor backends (``search.backends.sqlite``, ``search.backends.postgres``) read the context
variable below to share their work inside it.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet

# Set by `one_site_search()`: FTS rows shared by the searches of one site search (SQLite).
shared_matches: ContextVar[dict | None] = ContextVar("shared_matches", default=None)
# Set by `bulk_indexing()`: the PostgreSQL indexes whose title norms wait for the block's end.
deferred_title_norms: ContextVar[list | None] = ContextVar("deferred_title_norms", default=None)


@contextmanager
def bulk_indexing():
    """Many `add_bulk` calls in a row (a bulk load), with the work every call repeats done once.

    PostgreSQL: after each batch modelsearch recomputes the average title length over the
    whole index table and rewrites the new rows' title norms, two statements that read the
    whole table, so a load in batches of 1,000 rows grew with the square of its size. Inside
    the block the backend leaves that to the end, once.
    """
    token = deferred_title_norms.set([])
    try:
        yield
    finally:
        pending = deferred_title_norms.get()
        deferred_title_norms.reset(token)
        if pending:
            # One index object stands for the table: every one writes the same rows.
            pending[0]._refresh_title_norms()


@dataclass
class RankPart:
    """One source of a results page as `rank_sources` of the database backends sees it.

    `queryset()` builds the source's queryset annotated with `_title_` and `_date_`; `memo`
    outlives the search (the results page keeps it with the source, per content
    generation), so the backend compiles the statement of a part's rows once, not on every
    search: compiling twenty-odd querysets was a fifth of a results page's CPU.
    """

    content_types: list[int]
    model: type
    queryset: Callable
    memo: dict = field(default_factory=dict)

    def rows_sql(self, key, rows):
        """(sql, params) of `rows(queryset)`, compiled once per `key`; None when the
        queryset can match nothing (e.g. `pk__in=[]`)."""
        if key not in self.memo:
            try:
                self.memo[key] = rows(self.queryset()).query.sql_with_params()
            except EmptyResultSet:
                self.memo[key] = None
        return self.memo[key]


@contextmanager
def one_site_search():
    """The many searches of one results page, run as one batch.

    SQLite: searches for the same words share one FTS statement. PostgreSQL: the page's
    statements (`count_by_content_type`, `rank_sources`) run with the planner's own choices:
    with sequential scans off, the ranked CTE of `rank_sources` took 8.5 s for a common word
    at 10,000 notices against 0.26 s with them on.
    """
    token = shared_matches.set({})
    try:
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
    """``run()`` with PostgreSQL's sequential scans off (one search through the API).

    PostgreSQL costs ``(title || body) @@ query`` as cheap per row, so when a word is in half
    the documents it prefers reading the whole table, which detoasts and concatenates every
    body (50 ms at 10,000 notices against 15 ms through the GIN index of migration 0004).
    """
    with _seqscan_off(using):
        return run()
