"""Wagtail's database search backends, taught Chinese.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"``.
Like modelsearch's own ``database`` module, ``SearchBackend`` picks the PostgreSQL or SQLite
implementation by the default connection's vendor (anything else gets the substring fallback
below), and every variant adds the same three things (``search.backends.chinese``):

- Index side: every ``SearchField``/``AutocompleteField`` value goes through
  ``search.analysis.index_text`` before the stock indexer sees it, so the database's own
  tokenizer (FTS5 ``unicode61``, PostgreSQL's parser) finds one word per token. Field names,
  the title bucket and boosts are untouched.
- Query side: ``_search()`` turns the raw string into the query tree of ``search.query``
  (segmentation, synonyms); when AND finds nothing it falls back to OR.
- Filters on the searched queryset are applied in SQL by these backends, so the
  ``FilterField`` check is relaxed (the Elasticsearch backend still needs FilterFields).

Each vendor's classes live in their own module (``search.backends.sqlite``,
``search.backends.postgres``), imported only when that vendor is chosen: they subclass
modelsearch's vendor classes, and the PostgreSQL ones need ``django.contrib.postgres``
(psycopg), which a SQLite-only installation may not have. How the two stay fast is told at the
top of each; ``search.backends.batch`` shares work between the searches of one results page.
"""

from django.db import connection
from modelsearch.backends.database.fallback import (
    DatabaseSearchBackend,
    DatabaseSearchQueryCompiler,
)

from search.backends.chinese import ChineseSearchMixin, RelaxedFilterCheckMixin


class ChineseDatabaseSearchQueryCompiler(RelaxedFilterCheckMixin, DatabaseSearchQueryCompiler):
    pass


class ChineseDatabaseSearchBackend(ChineseSearchMixin, DatabaseSearchBackend):
    # Substring matching on the model's columns: segmentation and synonyms still help.
    query_compiler_class = ChineseDatabaseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseDatabaseSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The Chinese-aware backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from search.backends.postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends import database

        if database.USE_SQLITE_FTS is None:
            database.SearchBackend(params)  # settles database.USE_SQLITE_FTS once
        if database.USE_SQLITE_FTS:
            from search.backends.sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
    return ChineseDatabaseSearchBackend(params)
