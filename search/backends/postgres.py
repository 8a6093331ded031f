"""The Chinese-aware backend on PostgreSQL (chosen by ``search.backends.database``).

The stock statement ranks after joining the index into the queryset;
``IndexRankedPostgresSearchResults`` matches through a GIN index on ``title || body`` and ranks
inside the index table instead. Imported only when the default database is PostgreSQL (it needs
``django.contrib.postgres``, hence psycopg).
"""

from django.contrib.postgres.search import SearchRank
from django.db import connections
from django.db.models import CharField, Count, F
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks
from wagtail.models import Page

from search.backends.batch import deferred_title_norms, index_scans
from search.backends.chinese import AnalysedIndexMixin, ChineseSearchMixin, RelaxedFilterCheckMixin


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


def _vector_sql(texts, config, params):
    """SQL of the tsvector modelsearch's `ObjectIndexer.as_vector` builds for `texts`
    ([(text, weight)]), written as plain SQL: Django's SearchVector expressions, resolved and
    compiled four times per object, cost more than rendering and segmenting the object."""
    texts = [(text.strip(), weight) for text, weight in texts]
    texts = [(text, weight) for text, weight in texts if text]
    if not texts:
        return "''::tsvector"
    parts = []
    for text, weight in texts:
        parts.append("setweight(to_tsvector(%s::regconfig, COALESCE((%s)::text, '')), %s)")
        params.extend((config, text, weight))
    return "(" + " || ".join(parts) + ")"


class BulkPostgresIndex(PostgresIndex):
    # Rows a statement writes (its parameters stay below PostgreSQL's 65,535).
    ROWS_PER_STATEMENT = 500

    def add_items(self, model, objs):
        """The rows modelsearch's `add_items` writes (same columns, vectors and upsert), with
        each object's fields walked once instead of five times and the vectors written as
        plain SQL. `AnalysedIndexMixin.add_items` (before this class in the index's bases)
        has wrapped the objects already."""
        if not model.get_search_fields() or not objs:
            return
        content_type_pk = get_content_type_pk(model)
        config, autocomplete_config = self.backend.config, self.backend.autocomplete_config
        rows = []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            title, body, autocomplete = [], [], []
            for field in indexer.search_fields:
                for current, weight, value in indexer.prepare_field(obj, field):
                    if isinstance(current, SearchField):
                        (title if current.field_name == "title" else body).append((value, weight))
                    elif isinstance(current, AutocompleteField):
                        autocomplete.append((value, weight))
            params = [content_type_pk, indexer.id]
            sql = ", ".join(
                (
                    _vector_sql(title, config, params),
                    _vector_sql(autocomplete, autocomplete_config, params),
                    _vector_sql(body, config, params),
                )
            )
            params.extend(
                " ".join(text for value, _w in texts if (text := value.strip()))
                for texts in (title, body)
            )
            rows.append((f"(%s, %s, {sql}, 1.0, %s, %s)", params))
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            for start in range(0, len(rows), self.ROWS_PER_STATEMENT):
                batch = rows[start : start + self.ROWS_PER_STATEMENT]
                cursor.execute(
                    f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, "
                    "body, title_norm, title_text, body_text) "
                    f"VALUES {', '.join(sql for sql, _p in batch)} "
                    "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                    "title = EXCLUDED.title, title_norm = 1.0, "
                    "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                    "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                    [param for _sql, params in batch for param in params],
                )
        self._refresh_title_norms()

    def _refresh_title_norms(self, full=False):
        pending = deferred_title_norms.get()
        if pending is not None and not full:
            if not pending:
                pending.append(self)  # `bulk_indexing()` refreshes them once, at its end
            return
        super()._refresh_title_norms(full)


class ChinesePostgresIndex(AnalysedIndexMixin, BulkPostgresIndex):
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

    def count_by_content_type(self, tree):
        """{content type id: index rows matching `tree`}: one grouped statement through the
        GIN index of migration 0004, however many content types the site search asks about."""
        compiler = self.query_compiler_class(Page.objects.none(), tree)
        if isinstance(compiler.query, (MatchAll, Not, Fuzzy)):
            return None
        tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(self))
        rows = (
            IndexEntry._default_manager.annotate(
                _vector_=F("title")._combine(F("body"), "||", False)
            )
            .filter(_vector_=tsquery)
            .order_by()
            .values("content_type_id")
            .annotate(matches=Count("id"))
            .values_list("content_type_id", "matches")
        )
        return dict(rows)

    def rank_sources(self, tree, parts, window):
        """The best `window` rows of every part, and how many rows each has: one statement.

        `parts` are `search.backends.batch.RankPart`s (content types, queryset). The
        matching index rows are ranked once (a materialised CTE through the GIN index of
        migration 0004, the score `IndexRankedPostgresSearchResults` gives); each part keeps
        those of its content types whose object passes its queryset, and `COUNT(*) OVER ()`
        counts them before the LIMIT. Returns [([(object id, score, title, date)], total)] in
        the order of `parts`, or None when the query is not a plain positive match.
        """
        compiler = self.query_compiler_class(Page.objects.none(), tree)
        if isinstance(compiler.query, (MatchAll, Not, Fuzzy)):
            return None
        config = compiler.get_config(self)
        tsquery = compiler.build_tsquery(compiler.query, config=config)
        matches = (
            IndexEntry._default_manager.annotate(
                _vector_=F("title")._combine(F("body"), "||", False)
            )
            .filter(_vector_=tsquery)
            .annotate(_rank_=compiler._build_rank_expression(compiler.entry_vectors(), config))
            .order_by()
            .values("id", "content_type_id", "object_id", "_rank_")
        )
        sql, params = matches.query.sql_with_params()
        params = list(params)
        selects = []
        for number, part in enumerate(parts):
            content_types = part.content_types
            compiled = part.rows_sql(
                "postgresql",
                lambda queryset: (
                    queryset.order_by()
                    .annotate(_key_=Cast("pk", CharField()))
                    .values("_key_", "_title_", "_date_")
                ),
            )
            if compiled is None:  # e.g. `pk__in=[]`: nothing to rank
                continue
            rows_sql, rows_params = compiled
            types = ", ".join(["%s"] * len(content_types))
            selects.append(
                f"SELECT * FROM (SELECT {number} AS part, m.object_id, m._rank_, "
                "COUNT(*) OVER () AS total, q._title_, q._date_ "
                f"FROM m INNER JOIN ({rows_sql}) AS q ON q._key_ = m.object_id "
                f"WHERE m.content_type_id IN ({types}) "
                f"ORDER BY m._rank_ DESC, m.id DESC LIMIT {int(window)}) AS p{number}"
            )
            params += [*rows_params, *content_types]
        if not selects:
            return [([], 0) for _ in parts]
        statement = f"WITH m AS MATERIALIZED ({sql}) {' UNION ALL '.join(selects)}"
        using = matches.db
        found = [([], 0) for _ in parts]

        def run():
            with connections[using].cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()

        for part, object_id, score, total, title, date in run():
            found[part][0].append((object_id, score, title, date))
            found[part] = (found[part][0], total)
        return found
