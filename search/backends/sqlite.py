"""The Chinese-aware backend on SQLite FTS5 (chosen by ``search.backends.database``).

The stock relevance ordering runs a correlated BM25 subquery per candidate row (seconds for a
common word at 10,000 pages). ``RankedSQLiteSearchResults`` ranks in one FTS query instead,
keeping the best ``SQLITE_RANK_LIMIT`` matches. Imported only when the default database is
SQLite with FTS5.
"""

import json
from collections import Counter, defaultdict

from django.db import connection
from django.db.models import CharField, F, FloatField, Func
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
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page

from search.backends.batch import shared_matches
from search.backends.chinese import AnalysedIndexMixin, ChineseSearchMixin, RelaxedFilterCheckMixin

# How many best-ranked matches a relevance-ordered search keeps, and how many matches an
# unranked (e.g. date-ordered) search considers. Beyond these, results are truncated.
SQLITE_RANK_LIMIT = 1000
SQLITE_MATCH_LIMIT = 20_000
SQLITE_SHARED_LIMIT = 50_000
# However deep the page asked for, a search keeps no more matches than this: the survivors
# are looked up with `pk IN (…)`, and SQLite binds at most 32,766 parameters.
SQLITE_MAX_CANDIDATES = 30_000
# Up to this many matches of one model are loaded whole by the statement that filters them.
SQLITE_LOAD_WITH_FILTER = 100
INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def _integer_key(model) -> bool:
    """Whether the model's primary key is an integer (a page's is its link to Page)."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return field.get_internal_type() in INTEGER_KEYS


class WeightedBM25(Func):
    """FTS5's bm25() with column weights: a title match counts four times a body match.

    The column order is the FTS table's: autocomplete (not ranked), body, title.
    """

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 4.0)", []


def shared_match_rows(shared, match):
    """(content type, object id, bm25) of every index row matching `match`, best first.

    Run once per site search (`shared` is its cache): the match and its bm25 cost the same
    whichever content types are kept, so every model's search and the counts share it.
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
    return shared[key]


class RankedCandidatesMixin:
    # Computed once per compiler, shared by every clone of its results.
    _candidates = None
    _truncated = False  # the match statement hit its limit: more rows match
    _objects = None  # {pk: object} of every candidate, when they were few enough to load

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
        wanted = set(content_types)
        found = [
            (object_id, score if ranked else 0.0)
            for content_type, object_id, score in shared_match_rows(shared, match)
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
            matching = self.queryset.filter(pk__in=list(scores))
            if len(scores) <= SQLITE_LOAD_WITH_FILTER:
                # Few matches: load them while filtering, rather than again for the page.
                self._objects = matching.in_bulk()
                allowed = set(self._objects)
            else:
                self._objects = None
                allowed = set(matching.values_list("pk", flat=True))
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
        matches = SQLiteFTSIndexEntry.objects.filter(match).annotate(_entry_=F("index_entry_id"))
        match_sql, match_params = matches.values("_entry_").query.sql_with_params()
        object_ids = (
            self.queryset.order_by().annotate(_pk_text_=Cast("pk", CharField())).values("_pk_text_")
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
        objects = self.query_compiler._objects
        if objects is None:
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

    def count_by_content_type(self, tree):
        """{content type id: index rows matching `tree`}, from the site search's shared FTS
        statement (which the searches of each model then reuse); None outside a site search
        or when the statement hit its limit (the counts would be short)."""
        shared = shared_matches.get()
        if shared is None:
            return None
        compiler = self.query_compiler_class(Page.objects.none(), tree)
        query = normalize(compiler.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        search_query = compiler.build_search_query(query, config=compiler.get_config(self))
        match = MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
        rows = shared_match_rows(shared, match)
        if len(rows) >= SQLITE_SHARED_LIMIT:
            return None
        return dict(Counter(content_type for content_type, _, _ in rows))

    def rank_sources(self, tree, parts, window):
        """The best `window` rows of every part, and how many rows each has: one statement
        besides the site search's shared FTS statement.

        `parts` are `search.backends.batch.RankPart`s (content types, queryset). Each
        part is given its content types' matches, best first, as one JSON parameter (no limit
        on bound parameters), keeps those whose object passes its queryset and counts them
        (`COUNT(*) OVER ()`) before the LIMIT. Returns [([(object id, score, title, date)],
        total)] in the order of `parts`; None outside a site search, when the shared
        statement hit its limit (counts would be short) or for a key that is not an integer.
        """
        shared = shared_matches.get()
        if shared is None:
            return None
        compiler = self.query_compiler_class(Page.objects.none(), tree)
        query = normalize(compiler.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        search_query = compiler.build_search_query(query, config=compiler.get_config(self))
        matches = shared_match_rows(
            shared, MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
        )
        if len(matches) >= SQLITE_SHARED_LIMIT:
            return None
        by_type = defaultdict(list)  # content type id -> positions in `matches`
        for position, (content_type, _object_id, _score) in enumerate(matches):
            by_type[content_type].append(position)
        selects, params = [], []
        for number, part in enumerate(parts):
            if not _integer_key(part.model):
                return None
            positions = sorted(p for ct in set(part.content_types) for p in by_type.get(ct, ()))
            # [object id, position]: the position is the rank (bm25 order of the shared rows).
            pairs = [[int(matches[p][1]), p] for p in positions]
            compiled = part.rows_sql(
                "sqlite",
                lambda queryset: (
                    queryset.order_by().annotate(_key_=F("pk")).values("_key_", "_title_", "_date_")
                ),
            )
            if compiled is None:  # e.g. `pk__in=[]`: nothing to rank
                continue
            rows_sql, rows_params = compiled
            # CROSS JOIN keeps the matches the outer loop: each is one primary-key lookup.
            selects.append(
                f"SELECT * FROM (SELECT {number} AS part, q._key_, "
                "json_extract(j.value, '$[1]') AS position, COUNT(*) OVER () AS total, "
                f"q._title_, q._date_ FROM json_each(%s) AS j CROSS JOIN ({rows_sql}) AS q "
                "ON q._key_ = json_extract(j.value, '$[0]') "
                f"ORDER BY position LIMIT {int(window)})"
            )
            params += [json.dumps(pairs), *rows_params]
        if not selects:
            return []
        found = [([], 0) for _ in parts]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for part, key, position, total, title, date in cursor.fetchall():
                found[part][0].append((key, -matches[position][2], title, date))
                found[part] = (found[part][0], total)
        return found
