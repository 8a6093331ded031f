"""Wagtail's database search backends, taught Chinese.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"``.
Like modelsearch's own ``database`` module, ``SearchBackend`` picks the PostgreSQL or SQLite
implementation by the default connection's vendor (anything else gets the substring fallback),
and every variant adds the same three things:

- Index side: every ``SearchField``/``AutocompleteField`` value goes through
  ``search.analysis.index_text`` before the stock indexer sees it, so the database's own
  tokenizer (FTS5 ``unicode61``, PostgreSQL's parser) finds one word per token. Field names,
  the title bucket and boosts are untouched.
- Query side: ``_search()`` turns the raw string into the query tree of ``search.query``
  (segmentation, synonyms); when AND finds nothing it falls back to OR.
- Filters on the searched queryset are applied in SQL by these backends, so the
  ``FilterField`` check is relaxed (the Elasticsearch backend still needs FilterFields).

On SQLite the stock relevance ordering runs a correlated BM25 subquery per candidate row
(seconds for a common word at 10,000 pages). ``RankedSQLiteSearchResults`` ranks in one FTS
query instead, keeping the best ``SQLITE_RANK_LIMIT`` matches. On PostgreSQL the stock
statement ranks after joining the index into the queryset; ``IndexRankedPostgresSearchResults``
matches through a GIN index on ``title || body`` and ranks inside the index table instead.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.db import connection
from django.db.models import F, FloatField, Func
from modelsearch.backends.base import EmptySearchResults, SearchFieldError
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import MatchAll, Not, PlainText

from search.analysis import index_text
from search.query import build_query, query_tokens

# SQLite: how many best-ranked matches a relevance-ordered search keeps, and how many matches
# an unranked (e.g. date-ordered) search considers. Beyond these, results are truncated.
SQLITE_RANK_LIMIT = 1000
SQLITE_MATCH_LIMIT = 20_000
SQLITE_SHARED_LIMIT = 50_000
# However deep the page asked for, a search keeps no more matches than this: the survivors
# are looked up with `pk IN (…)`, and SQLite binds at most 32,766 parameters.
SQLITE_MAX_CANDIDATES = 30_000

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


# -- Index side ---------------------------------------------------------------------------


def _flatten(value) -> str:
    """The text the stock indexer would make of a field value (lists and dicts joined)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_flatten(item) for item in value.values())
    return str(value)


def _unwrap(obj):
    return obj._obj if isinstance(obj, AnalysedObject) else obj


class AnalysedSearchField(SearchField):
    """A copy of a SearchField whose value is segmented text (same name, boost, options)."""

    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self.original = original

    def get_value(self, obj):
        return index_text(_flatten(self.original.get_value(_unwrap(obj))))


class AnalysedAutocompleteField(AutocompleteField):
    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self.original = original

    def get_value(self, obj):
        return index_text(_flatten(self.original.get_value(_unwrap(obj))))


class AnalysedRelatedFields(RelatedFields):
    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self.fields = analysed_fields(original.fields)
        self.original = original

    def get_value(self, obj):
        return self.original.get_value(_unwrap(obj))


def analysed_fields(fields):
    converted = []
    for field in fields:
        if isinstance(field, SearchField):
            converted.append(AnalysedSearchField(field))
        elif isinstance(field, AutocompleteField):
            converted.append(AnalysedAutocompleteField(field))
        elif isinstance(field, RelatedFields):
            converted.append(AnalysedRelatedFields(field))
        else:
            converted.append(field)
    return converted


class AnalysedObject:
    """Stands in for a model instance while it is indexed: same attributes, analysed fields."""

    def __init__(self, obj, fields):
        self._obj = obj
        self._fields = fields

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def get_search_fields(self):
        return self._fields


class AnalysedIndexMixin:
    def add_items(self, model, objs):
        fields = analysed_fields(model.get_search_fields())
        super().add_items(model, [AnalysedObject(obj, fields) for obj in objs])


# -- Query side -----------------------------------------------------------------------------


class RelaxedFilterCheckMixin:
    """Database backends filter and order the queryset in SQL: any field works there.

    Only the `fields=` argument is still checked (it must name SearchFields).
    """

    def check(self):
        if self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_searchable_search_fields()}
            unknown = [name for name in self.fields if name not in allowed]
            if unknown:
                raise SearchFieldError(
                    f'Cannot search with field "{unknown[0]}". Please add '
                    f'index.SearchField("{unknown[0]}") to {self.queryset.model.__name__}.',
                    field_name=unknown[0],
                )


class ChineseSearchMixin:
    autocomplete_as_plain_text = False

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if not isinstance(query, str):
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        # operator=None (Wagtail's default): AND, falling back to OR; "and"/"or": as asked.
        operator = (kwargs.pop("operator", None) or "").lower()
        if self.autocomplete_as_plain_text and (
            query_compiler_class is self.autocomplete_query_compiler_class
        ):
            tokens = query_tokens(query)
            if not tokens:
                return EmptySearchResults()
            tree = PlainText(" ".join(tokens), operator="and")
            return super()._search(query_compiler_class, tree, model_or_queryset, **kwargs)
        tree = build_query(query, operator="or" if operator == "or" else "and")
        if tree is None:
            return EmptySearchResults()
        results = super()._search(query_compiler_class, tree, model_or_queryset, **kwargs)
        if operator or isinstance(tree, PlainText) or isinstance(results, EmptySearchResults):
            return results
        if self._has_match(query_compiler_class, tree, model_or_queryset, kwargs, results):
            return results
        # Natural questions (电梯坏了找谁) rarely have every word in one document.
        return super()._search(
            query_compiler_class, build_query(query, operator="or"), model_or_queryset, **kwargs
        )

    def _has_match(self, query_compiler_class, tree, model_or_queryset, kwargs, results):
        """Whether the AND query finds anything.

        Asked through the results' own count, which is cached on the results object: the
        caller (a results page, a paginator) needs that count anyway, so the check is free.
        """
        return results.count() > 0


# -- SQLite ---------------------------------------------------------------------------------


@cache
def _sqlite_classes():
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.utils import get_descendants_content_types_pks

    class WeightedBM25(Func):
        """FTS5's bm25() with column weights: a title match counts four times a body match.

        The column order is the FTS table's: autocomplete (not ranked), body, title.
        """

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 4.0)", []

    class RankedCandidatesMixin:
        # Computed once per compiler, shared by every clone of its results.
        _candidates = None
        _truncated = False  # the match statement hit its limit: more rows match

        def matching_object_ids(self, config, limit, ranked):
            """Object ids matching the query from one FTS statement (best first if `ranked`).

            None when the query is not a plain positive match (the stock path handles it).
            """
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):
                return None
            search_query = self.build_search_query(query, config=config)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            content_types = get_descendants_content_types_pks(self.queryset.model)
            shared = shared_matches.get()
            if shared is not None:
                return self._shared_rows(shared, match, content_types, limit, ranked)
            rows = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=content_types)
                .annotate(object_id=F("index_entry__object_id"))
            )
            if ranked:
                rows = rows.annotate(score=WeightedBM25()).order_by("score")
                return list(rows.values_list("object_id", "score")[:limit])
            object_ids = rows.values_list("object_id", flat=True)[:limit]
            return [(object_id, 0.0) for object_id in object_ids]

        def _shared_rows(self, shared, match, content_types, limit, ranked):
            """This model's matches from one ranked FTS statement shared by every model.

            A site search asks the same query of several models; on SQLite the match and its
            bm25 cost the same whichever content types are kept, so they run once.
            """
            rows = SQLiteFTSIndexEntry.objects.filter(match)
            key = str(rows.query)
            if key not in shared:
                shared[key] = list(
                    rows.annotate(
                        score=WeightedBM25(),
                        object_id=F("index_entry__object_id"),
                        content_type_id=F("index_entry__content_type_id"),
                    )
                    .order_by("score")
                    .values_list("content_type_id", "object_id", "score")[:SQLITE_SHARED_LIMIT]
                )
            wanted = set(content_types)
            found = [
                (object_id, score if ranked else 0.0)
                for content_type, object_id, score in shared[key]
                if content_type in wanted
            ]
            return found[:limit]

        def candidates(self, config, needed=0):
            """(pk, score) of the matches that pass the queryset's filters, or None.

            Ranked: the best SQLITE_RANK_LIMIT by bm25 (more if `needed` asks for a deeper
            page), best first. Unranked (e.g. sorted by date): every match up to
            SQLITE_MATCH_LIMIT, in no order. bm25 scores every match whatever the limit, so
            a deeper page costs the transfer of its rows, not another ranking.
            """
            ranked = self.order_by_relevance
            limit = SQLITE_RANK_LIMIT if ranked else SQLITE_MATCH_LIMIT
            while self._candidates is None or (
                self._truncated and len(self._candidates) < needed and limit < SQLITE_MAX_CANDIDATES
            ):
                if self._candidates is not None:
                    limit = min(max(limit * 4, needed), SQLITE_MAX_CANDIDATES)
                rows = self.matching_object_ids(config, limit, ranked)
                if rows is None:
                    self._candidates, self._truncated = False, False
                    break
                self._truncated = len(rows) >= limit
                pk_field = self.queryset.model._meta.pk
                scores = {}
                for object_id, score in rows:
                    scores.setdefault(pk_field.to_python(object_id), score)
                allowed = set(
                    self.queryset.filter(pk__in=list(scores)).values_list("pk", flat=True)
                )
                self._candidates = [(pk, sc) for pk, sc in scores.items() if pk in allowed]
            return None if self._candidates is False else self._candidates

        def exact_count(self, config):
            """All matches that pass the queryset's filters, counted without ranking them.

            Written out so the FTS match is the outer loop (CROSS JOIN fixes SQLite's join
            order): joined the ORM's way, SQLite re-runs the match for every index row
            (2 s for a common word at 10,000 pages, against 60 ms).
            """
            search_query = self.build_search_query(normalize(self.query), config=config)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            matches = SQLiteFTSIndexEntry.objects.filter(match).annotate(
                _entry_=F("index_entry_id")
            )
            match_sql, match_params = matches.values("_entry_").query.sql_with_params()
            object_ids = (
                self.queryset.order_by()
                .annotate(_pk_text_=Cast("pk", CharField()))
                .values("_pk_text_")
            )
            ids_sql, ids_params = object_ids.query.sql_with_params()
            content_types = list(get_descendants_content_types_pks(self.queryset.model))
            entries = connection.ops.quote_name(
                SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
            )
            sql = (
                f"SELECT COUNT(*) FROM ({match_sql}) AS m CROSS JOIN {entries} AS e "
                f"ON e.id = m._entry_ WHERE e.content_type_id IN "
                f"({', '.join(['%s'] * len(content_types))}) AND e.object_id IN ({ids_sql})"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [*match_params, *content_types, *ids_params])
                return cursor.fetchone()[0]

    class ChineseSQLiteSearchQueryCompiler(
        RankedCandidatesMixin, RelaxedFilterCheckMixin, SQLiteSearchQueryCompiler
    ):
        pass

    class ChineseSQLiteAutocompleteQueryCompiler(
        RankedCandidatesMixin, RelaxedFilterCheckMixin, SQLiteAutocompleteQueryCompiler
    ):
        pass

    class RankedSQLiteSearchResults(SQLiteSearchResults):
        """Matches from a single FTS statement, then the queryset's own filters and order.

        The stock path joins the FTS match into the queryset as a subquery (and ranks with a
        correlated subquery per row), which SQLite runs for seconds at 10,000 pages. Here the
        statements are fixed however many rows match: the matching ids (ranked by bm25 in the
        same statement when ordering by relevance), which of them pass the queryset's filters,
        and the page of objects.
        """

        def candidates(self):
            compiler = self.query_compiler
            needed = self.stop if self.stop is not None else SQLITE_MAX_CANDIDATES
            return compiler.candidates(compiler.get_config(self.backend), needed)

        def _unranked_queryset(self, candidates):
            queryset = self.query_compiler.queryset.filter(pk__in=[pk for pk, _ in candidates])
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset

        def _do_count(self):
            compiler = self.query_compiler
            candidates = compiler.candidates(compiler.get_config(self.backend))
            if candidates is None:
                return super()._do_count()
            total = len(candidates)
            if compiler._truncated:
                total = compiler.exact_count(compiler.get_config(self.backend))
            stop = total if self.stop is None else min(total, self.stop)
            return max(stop - self.start, 0)

        def _do_search(self):
            candidates = self.candidates()
            if candidates is None:
                return super()._do_search()
            if not self.query_compiler.order_by_relevance:
                return list(self._unranked_queryset(candidates)[self.start : self.stop])
            page = candidates[self.start : self.stop]
            objects = self.query_compiler.queryset.in_bulk([pk for pk, _ in page])
            results = []
            for pk, score in page:
                obj = objects.get(pk)
                if obj is None:
                    continue
                if self._score_field:
                    # bm25() is lower-is-better; scores are higher-is-better everywhere else.
                    setattr(obj, self._score_field, -score)
                results.append(obj)
            return results

    class ChineseSQLiteIndex(AnalysedIndexMixin, SQLiteIndex):
        pass

    class ChineseSQLiteSearchBackend(ChineseSearchMixin, SQLiteSearchBackend):
        query_compiler_class = ChineseSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
        index_class = ChineseSQLiteIndex
        results_class = RankedSQLiteSearchResults

    return ChineseSQLiteSearchBackend


# -- PostgreSQL -----------------------------------------------------------------------------


@cache
def _postgres_classes():
    from django.contrib.postgres.search import SearchRank
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresAutocompleteQueryCompiler,
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from modelsearch.query import Fuzzy
    from modelsearch.utils import get_descendants_content_types_pks

    class SingleRankMixin:
        def _build_rank_expression(self, vectors, config):
            """One ts_rank per vector against the whole query.

            The stock expression ranks every leaf of the query tree separately (a synonym
            group of three words in two vectors is six ts_rank calls per row); our trees have
            a leaf per synonym, so that multiplied the cost of ranking common words.
            """
            search_query = self.build_tsquery(self.query, config=config)
            rank = None
            for vector, boost in vectors:
                expression = SearchRank(vector, search_query, weights=self.sql_weights) * boost
                rank = expression if rank is None else rank + expression
            return rank

    class ChinesePostgresSearchQueryCompiler(
        SingleRankMixin, RelaxedFilterCheckMixin, PostgresSearchQueryCompiler
    ):
        def entry_vectors(self):
            """The index row's own vectors and boosts (the stock ones go through a join)."""
            return [(F("title"), F("title_norm")), (F("body"), 1.0)]

    class ChinesePostgresAutocompleteQueryCompiler(
        SingleRankMixin, RelaxedFilterCheckMixin, PostgresAutocompleteQueryCompiler
    ):
        def entry_vectors(self):
            return [(F("autocomplete"), 1.0)]

    class IndexRankedPostgresSearchResults(PostgresSearchResults):
        """Matched, counted and ranked in the index table; the queryset only filters.

        The stock statement joins the index into the queryset and ranks after the join, so
        every matching row drags its title and body vectors through a hash join (spilling
        past work_mem for a common word) before the top ten are picked. Here the index rows
        are matched through the GIN index on ``title || body`` (migration 0004), kept when
        their object passes the queryset (a semi-join on its primary keys), ranked, and only
        the page of objects is loaded. Same matches, same scores as the stock path.
        """

        def _entries(self):
            compiler = self.query_compiler
            if compiler.fields is not None or isinstance(compiler.query, (MatchAll, Not, Fuzzy)):
                return None
            object_ids = (
                compiler.queryset.order_by()
                .annotate(_pk_text_=Cast("pk", CharField()))
                .values("_pk_text_")
            )
            return self.matching_entries().filter(
                content_type_id__in=get_descendants_content_types_pks(compiler.queryset.model),
                object_id__in=object_ids,
            )

        def matching_entries(self):
            """Index rows matching the query, by the expression the GIN index is built on."""
            compiler = self.query_compiler
            self._config = compiler.get_config(self.backend)
            vectors = compiler.entry_vectors()
            combined = vectors[0][0]
            for vector, _boost in vectors[1:]:
                combined = combined._combine(vector, "||", False)
            tsquery = compiler.build_tsquery(compiler.query, config=self._config)
            return IndexEntry._default_manager.annotate(_vector_=combined).filter(_vector_=tsquery)

        def _do_count(self):
            entries = self._entries()
            if entries is None:
                return super()._do_count()
            return index_scans(entries.db, entries[self.start : self.stop].count)

        def _do_search(self):
            compiler = self.query_compiler
            entries = self._entries() if compiler.order_by_relevance else None
            if entries is None:
                return super()._do_search()
            rank = compiler._build_rank_expression(compiler.entry_vectors(), self._config)
            ranked_rows = (
                entries.annotate(_rank_=rank)
                .order_by("-_rank_", "-id")
                .values_list("object_id", "_rank_")[self.start : self.stop]
            )
            rows = index_scans(entries.db, lambda: list(ranked_rows))
            to_python = compiler.queryset.model._meta.pk.to_python
            ranked = [(to_python(object_id), score) for object_id, score in rows]
            objects = compiler.queryset.order_by().in_bulk([pk for pk, _ in ranked])
            results = []
            for pk, score in ranked:
                obj = objects.get(pk)
                if obj is None:  # deleted between the two statements
                    continue
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
            return results

    class ChinesePostgresIndex(AnalysedIndexMixin, PostgresIndex):
        pass

    class ChinesePostgresSearchBackend(ChineseSearchMixin, PostgresSearchBackend):
        query_compiler_class = ChinesePostgresSearchQueryCompiler
        autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler
        index_class = ChinesePostgresIndex
        results_class = IndexRankedPostgresSearchResults

        def __init__(self, params):
            # 'simple': no English stemming, so index and query lexemes are our tokens as-is.
            params = {"SEARCH_CONFIG": "simple", **params}
            super().__init__(params)

    return ChinesePostgresSearchBackend


@cache
def _fallback_classes():
    from modelsearch.backends.database.fallback import (
        DatabaseSearchBackend,
        DatabaseSearchQueryCompiler,
    )

    class ChineseDatabaseSearchQueryCompiler(RelaxedFilterCheckMixin, DatabaseSearchQueryCompiler):
        pass

    class ChineseDatabaseSearchBackend(ChineseSearchMixin, DatabaseSearchBackend):
        # Substring matching on the model's columns: segmentation and synonyms still help.
        query_compiler_class = ChineseDatabaseSearchQueryCompiler
        autocomplete_query_compiler_class = ChineseDatabaseSearchQueryCompiler

    return ChineseDatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The Chinese-aware backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        return _postgres_classes()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends import database

        if database.USE_SQLITE_FTS is None:
            database.SearchBackend(params)  # settles database.USE_SQLITE_FTS once
        if database.USE_SQLITE_FTS:
            return _sqlite_classes()(params)
    return _fallback_classes()(params)
