"""What every Chinese-aware backend adds to Wagtail's (the database vendors' and Elasticsearch).

- Index side: every ``SearchField``/``AutocompleteField`` value goes through
  ``search.analysis.index_text`` before the stock indexer sees it (``AnalysedIndexMixin``).
- Query side: ``ChineseSearchMixin._search()`` turns the raw string into the query tree of
  ``search.query`` (segmentation, synonyms); when AND finds nothing it falls back to OR.
- ``RelaxedFilterCheckMixin``: the database backends filter in SQL, so any field works there.
"""

from modelsearch.backends.base import EmptySearchResults, SearchFieldError
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import PlainText

from search.analysis import index_text
from search.query import build_query, query_tokens

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
        return _analysed_value(self, obj)


class AnalysedAutocompleteField(AutocompleteField):
    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self.original = original

    def get_value(self, obj):
        return _analysed_value(self, obj)


def _analysed_value(field, obj):
    """The field's segmented text, worked out once per object being indexed.

    The PostgreSQL indexer walks an object's fields five times (title, body, autocomplete and
    the two plain texts), each walk asking every field for its value: without this each value
    was rendered (rich text, StreamField), normalised and segmented five times, which was most
    of the time indexing took (cProfile on the synthetic city, README "A synthetic city").
    """
    values = obj._values if isinstance(obj, AnalysedObject) else None
    if values is not None and id(field) in values:
        return values[id(field)]
    value = index_text(_flatten(field.original.get_value(_unwrap(obj))))
    if values is not None:
        values[id(field)] = value  # the fields live as long as the batch: ids stay theirs
    return value


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
        self._values = {}  # id(analysed field) -> its value (`_analysed_value`)

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

    def match_counts(self, query, operator):
        """{content type id: index rows matching `query`}, or None if not known cheaply.

        Rows, not objects: an upper bound of what a queryset of those types finds (its
        filters, e.g. live and public pages of one language, may keep fewer). A vendor
        backend that can count every type in one statement has `count_by_content_type`.
        """
        counter = getattr(self, "count_by_content_type", None)
        if counter is None:
            return None
        tree = build_query(query, operator=operator)
        return {} if tree is None else counter(tree)

    def _has_match(self, query_compiler_class, tree, model_or_queryset, kwargs, results):
        """Whether the AND query finds anything.

        Asked through the results' own count, which is cached on the results object: the
        caller (a results page, a paginator) needs that count anyway, so the check is free.
        """
        return results.count() > 0
