"""Elasticsearch 8 with the same Chinese analysis as the database backends.

Configured when ``ELASTICSEARCH_URL`` is set (``config/settings/env.py``). It needs no
plugin (no ``smartcn``/``ik``), so it runs on any managed cluster:

- Documents: search and autocomplete field values are segmented by ``search.analysis``
  before they are sent (one token per word, separated by spaces), like the database index.
- Analysers: ``default`` splits on whitespace, folds full-width forms (``cjk_width``) and
  lower-cases; ``default_search`` adds a ``synonym_graph`` filter built from the editable
  synonym list when the index is created (``update_index`` rebuilds it); the autocomplete
  ``edgengram_analyzer`` does the same on whitespace tokens, and its search analyser does not
  cut the query into n-grams.
- Queries: ``_search()`` builds the same query tree (segmentation, synonyms, AND with an OR
  fallback) as the database backends, so an edit to the synonym list applies at once.
"""

from copy import deepcopy

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Subquery
from django.db.models.sql import Query
from django.db.models.sql.constants import MULTI
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import deep_update

from search.analysis import index_text, tokenize
from search.backends.chinese import ChineseSearchMixin, _flatten

WORD_FILTERS = ["cjk_width", "lowercase"]

ANALYSIS_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "whitespace", "filter": WORD_FILTERS},
                "default_search": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": [*WORD_FILTERS, "hemei_synonyms"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": [*WORD_FILTERS, "edgengram"],
                },
                "hemei_autocomplete_search": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": WORD_FILTERS,
                },
            },
            "filter": {
                # Replaced by the editable list when the index is created (see `synonym_rules`).
                "hemei_synonyms": {"type": "synonym_graph", "synonyms": [], "lenient": True},
            },
        }
    }
}


def synonym_rules() -> list[str]:
    """Solr-format rules ("业委会, 业主委员会") in index-token form, from the synonym list."""
    from search.query import synonym_map

    rules = []
    seen = set()
    for words in synonym_map().values():
        group = tuple(dict.fromkeys(" ".join(tokenize(word)) for word in words if tokenize(word)))
        if len(group) > 1 and frozenset(group) not in seen:
            seen.add(frozenset(group))
            rules.append(", ".join(group))
    return sorted(rules)


class ChineseElasticsearchMapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "hemei_autocomplete_search",
    }

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, (SearchField, AutocompleteField)) and value is not None:
            value = index_text(_flatten(value))
            if isinstance(field, AutocompleteField):
                edgengrams = [value]
        return name, value, edgengrams


class ChineseElasticsearchIndex(Elasticsearch8Index):
    def put(self):
        self.es.indices.create(index=self.name, **self.backend.index_settings())


class PrimaryKeyFilterMixin:
    """Filters on the searched model's own primary key go to the `pk` every document carries.

    The site search narrows rows that Elasticsearch cannot filter itself (a community's
    compounds, cases, follow-ups: joins) by their ids, selected in the database
    (search/results.py `_in_community_indexed`); stock modelsearch accepts a pk filter only
    where a model declares `FilterField("id")`, which snippets do not.
    """

    def _process_filter(self, column, lookup, value, check_only=False):
        model = self.queryset.model
        pk = model._meta.pk
        own_table = getattr(column, "alias", None) == model._meta.db_table
        if own_table and column.target == pk and lookup in ("exact", "in"):
            if check_only:
                return None
            if lookup == "exact":
                return {"term": {"pk": str(value)}}
            if isinstance(value, (Query, Subquery)):
                query = value.query if isinstance(value, Subquery) else value
                db_alias = self.queryset._db or DEFAULT_DB_ALIAS
                rows = query.get_compiler(db_alias).execute_sql(result_type=MULTI)
                value = [row[0] for chunk in rows for row in chunk]
            return {"terms": {"pk": [str(item) for item in value]}}
        return super()._process_filter(column, lookup, value, check_only=check_only)


class ChineseElasticsearchSearchQueryCompiler(
    PrimaryKeyFilterMixin, Elasticsearch8SearchQueryCompiler
):
    mapping_class = ChineseElasticsearchMapping


class ChineseElasticsearchAutocompleteQueryCompiler(
    PrimaryKeyFilterMixin, Elasticsearch8AutocompleteQueryCompiler
):
    mapping_class = ChineseElasticsearchMapping


class ChineseElasticsearchSearchBackend(ChineseSearchMixin, Elasticsearch8SearchBackend):
    mapping_class = ChineseElasticsearchMapping
    index_class = ChineseElasticsearchIndex
    query_compiler_class = ChineseElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseElasticsearchAutocompleteQueryCompiler
    # Elasticsearch's autocomplete compiler takes plain text only (no AND/OR tree).
    autocomplete_as_plain_text = True
    # It filters on its index's filter fields, not in SQL (search/results.py `_in_community`).
    filters_in_sql = False
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), ANALYSIS_SETTINGS)

    def index_settings(self) -> dict:
        """The body of the create-index request: analysers, with today's synonym list."""
        settings = deepcopy(self.settings)
        synonym_filter = settings["settings"]["analysis"]["filter"]["hemei_synonyms"]
        synonym_filter["synonyms"] = synonym_rules()
        return settings


SearchBackend = ChineseElasticsearchSearchBackend
