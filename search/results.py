"""One site search: every registered content type, counted, merged, filtered and ranked.

Each (type, model) pair is a *source* searched through Wagtail's search API with its own
queryset (live public pages of the current language, or the model's `search_queryset()`).
The query runs with AND everywhere; only if nothing at all matches is it run again with OR
(`relaxed`), so that the counts and the results always agree.

Results of several sources are merged by score (higher is better on every backend) or by
date. By relevance, the backend's score is weighed before merging: a source's weight (rows a
registry entry demotes, e.g. superseded rules, form a source of their own with a lower
weight) and, within each source's best `RESCORE_WINDOW` rows, a bonus for a result whose own
title holds every word of the query, the larger the more of the title the query covers (a
reader who types a document's or a compound's name wants that document or compound, not each
article or event that repeats the name). A page of results needs the best
`max(offset + per_page, RESCORE_WINDOW)` of each source, never more.
"""

import datetime
import operator as operators
import re
import uuid
from dataclasses import dataclass, field, replace
from functools import cached_property, reduce

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, DateField, DateTimeField, F, Value
from django.db.models.functions import Cast, Coalesce, NullIf, TruncDate
from django.utils import timezone, translation
from modelsearch.index import RelatedFields, SearchField
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.communities import community_page_q, community_paths_q
from home.directory_pages import DirectoryPageMixin
from home.generation import DERIVED_TIMEOUT, current_generation, derived

from .analysis import normalize
from .backends.batch import RankPart
from .highlight import highlight_title, snippet
from .query import alternatives, build_query, named_month, query_tokens, synonym_map
from .recency import month_weight
from .registry import (
    DEMOTED_WEIGHT,
    OTHER_PAGES,
    SearchModel,
    registered_page_models,
    search_types,
)

SCORE_FIELD = "search_score"
SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
# Rows of each source that are re-scored; rows beyond keep the backend's order, after them.
RESCORE_WINDOW = 50
# A result whose own title holds every word of the query counts 1 + TITLE_BONUS × (share of
# the title's characters the query's words cover) times as much: up to 3× for the very title.
TITLE_BONUS = 2.0
_NOT_WORD = re.compile(r"[\W_]+")
# Sources built per (generation token, language, filters, …) in this process; see all_sources.
_built_sources: dict[tuple, list] = {}
SOURCES_KEPT = 64


class SearchFilters:
    """What the resident narrowed the search to (validated by `SearchForm`)."""

    def __init__(
        self,
        type_key="",
        compound=None,
        date_from=None,
        date_to=None,
        sort=SORT_RELEVANCE,
        facets=None,
        community=None,
    ):
        self.type_key = type_key or ""
        # A community (anything with a `translation_key`), or None for the whole city. Not
        # part of `any`: a resident's own community is the default, not a narrowing.
        self.community = community
        self.compound = compound
        self.date_from = date_from
        self.date_to = date_to
        self.sort = sort or SORT_RELEVANCE
        self.facets = facets or {}  # {facet param: chosen value}

    @property
    def any(self) -> bool:
        return bool(self.type_key or self.compound or self.date_from or self.date_to or self.facets)


@dataclass
class Source:
    type_key: str
    entry: SearchModel
    queryset: object
    weight: float = 1.0
    # What the search backend compiled from the queryset (see RankPart): shared by the
    # copies each search takes, so kept as long as the source (one content generation).
    compiled: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def content_types(self) -> list[int]:
        """Ids of the content types the index holds this source's rows under."""
        return get_descendants_content_types_pks(self.queryset.model)

    @cached_property
    def title_expression(self):
        """SQL for the result's own title (see `own_title`), or None when only the object
        can tell (a heading computed in Python): such rows are loaded before ordering."""
        model = self.queryset.model

        def concrete(name):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return False
            return field.concrete and not field.is_relation

        if _article_like(model):
            if concrete("heading") and concrete("label"):
                return Coalesce(NullIf(F("heading"), Value("")), F("label"))
            return None
        if concrete("title"):
            return F("title")
        if concrete("name") and not hasattr(model, "title"):
            return F("name")
        return None

    def ranked_queryset(self):
        """The queryset with what ordering needs besides the score: own title and month."""
        title = self.title_expression
        date = Cast(Value(None), DateField())
        if self.entry.monthly and self.entry.date_field:
            field = self.queryset.model._meta.get_field(self.entry.date_field)
            if isinstance(field, DateTimeField):
                date = TruncDate(self.entry.date_field, tzinfo=timezone.get_current_timezone())
            else:
                date = F(self.entry.date_field)
        return self.queryset.annotate(
            _title_=title if title is not None else Cast(Value(None), CharField()),
            _date_=date,
        )

    def rows_queryset(self):
        """The queryset that loads result rows: with what showing them reads."""
        queryset = self.queryset
        if self.entry.select_related:
            queryset = queryset.select_related(*self.entry.select_related)
        if self.entry.prefetch_related:
            queryset = queryset.prefetch_related(*self.entry.prefetch_related)
        return queryset

    def search(self, query, operator, sort):
        queryset = self.queryset
        by_date = sort == SORT_NEWEST and self.entry.date_field
        if by_date:
            queryset = queryset.order_by(f"-{self.entry.date_field}", "-pk")
        results = get_search_backend().search(
            query, queryset, operator=operator, order_by_relevance=not by_date
        )
        return results.annotate_score(SCORE_FIELD) if not by_date else results


@dataclass
class Hit:
    """What a result row shows. See `build_hit` for the article-level interface."""

    obj: object
    type_key: str
    title: str
    url: str | None
    title_html: str
    snippet_html: str
    date: object = None
    parent_title: str = ""
    parent_url: str | None = None
    article_label: str = ""
    score: float = 0.0


def original_text(obj) -> str:
    """The text a snippet is cut from: the object's own words, never the index's tokens.

    A model can say what that is with `search_snippet_text()`; otherwise it is the
    search description plus every non-title SearchField, as stored on the object.
    """
    custom = getattr(obj, "search_snippet_text", None)
    if callable(custom):
        return custom() or ""
    texts = []
    description = getattr(obj, "search_description", "")
    if description:
        texts.append(description)
    for search_field in obj.get_search_fields():
        if isinstance(search_field, RelatedFields) or not isinstance(search_field, SearchField):
            continue
        if search_field.field_name in {"title", "name"}:
            continue
        value = search_field.get_value(obj)
        if isinstance(value, (list, tuple)):
            value = " ".join(str(item) for item in value)
        if value:
            texts.append(str(value))
    return " ".join(texts)


class Candidate:
    """A ranked row before its object is loaded: what ordering needs (score, own title, month).

    Attributes mirror the object's (`title`, the entry's date field, `search_score`), so
    `SiteSearch.sort_key` weighs a candidate as it weighs the object.
    """

    def __init__(self, pk, score, title, date_field=None, date=None):
        self.pk = pk
        self.title = title or ""
        setattr(self, SCORE_FIELD, score)
        if date_field:
            setattr(self, date_field, date)

    def __str__(self):
        return self.title


def _article_like(model) -> bool:
    """Whether the model's rows show as articles of a page (see `is_article`)."""
    try:
        parent = model._meta.get_field("page").related_model
    except FieldDoesNotExist:
        return False
    return (
        isinstance(parent, type)
        and issubclass(parent, Page)
        and hasattr(model, "anchor")
        and hasattr(model, "label")
    )


def is_article(obj) -> bool:
    parent = getattr(obj, "page", None)
    return isinstance(parent, Page) and hasattr(obj, "anchor") and hasattr(obj, "label")


def own_title(obj) -> str:
    """The result's own title: an article's heading, not its regulation's title."""
    if is_article(obj):
        return getattr(obj, "heading", "") or str(obj.label)
    return getattr(obj, "title", None) or getattr(obj, "name", None) or str(obj)


def _url(obj, request, urls=None):
    """The result's URL; `get_url` takes the request (Wagtail's convention), so that the rows
    of one results page share what it looks up (a compound's directory, say). `urls` holds
    those already known (see `directory_urls`)."""
    if urls is not None and _url_key(obj, request) in urls:
        return urls[_url_key(obj, request)][0]
    get_url = getattr(obj, "get_url", None)
    if callable(get_url):
        return get_url(request)
    get_absolute_url = getattr(obj, "get_absolute_url", None)
    return get_absolute_url() if callable(get_absolute_url) else None


def _url_key(obj, request) -> str:
    site = getattr(request, "_wagtail_site", None) if request is not None else None
    return (
        f"hemei:derived:search-url:{current_generation(request)}:{site.pk if site else ''}:"
        f"{translation.get_language()}:{obj._meta.label_lower}:{obj.pk}"
    )


def directory_urls(objects, request) -> dict[str, tuple]:
    """{key: (url,)} of the directory rows (compounds, firms) among `objects`, kept in the
    shared cache per content generation, site and language: one cache read for the page.

    A directory row's URL takes several statements to find (which public page serves its
    community, whether that page lists it: `home/directory_pages.py`), and it depends only on
    the page tree and the directory rows, whose every change bumps the generation. Whether a
    row may be shown at all is still decided fresh by its source's queryset.
    """
    rows = [obj for obj in objects if isinstance(obj, DirectoryPageMixin)]
    if not rows:
        return {}
    keys = {_url_key(obj, request): obj for obj in rows}
    urls = cache.get_many(list(keys))
    missing = {key: (obj.get_url(request),) for key, obj in keys.items() if key not in urls}
    if missing:
        cache.set_many(missing, DERIVED_TIMEOUT)
        urls.update(missing)
    return urls


def _as_date(value):
    """A date read by a raw statement (SQLite gives it as text)."""
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def _date(obj, entry: SearchModel):
    if not entry.date_field:
        return None
    return getattr(obj, entry.date_field, None)


def build_hit(obj, type_key, entry: SearchModel, terms, request=None, urls=None) -> Hit:
    """A result row for `obj`.

    Article-level hits: an object with `label` (第十二条), `anchor` and `page` (its parent
    page, e.g. a RegulationArticle) shows as "<page title> <label>" with its own heading as
    the title, and links to its own `get_url()` (the page URL + '#' + anchor).
    """
    parent = getattr(obj, "page", None)
    article = is_article(obj)
    title = own_title(obj)
    return Hit(
        obj=obj,
        type_key=type_key,
        title=title,
        url=_url(obj, request, urls),
        title_html=highlight_title(title, terms),
        snippet_html=snippet(original_text(obj), terms),
        date=_date(obj, entry),
        parent_title=parent.title if article else "",
        parent_url=parent.get_url(request) if article else None,
        article_label=str(obj.label) if article else "",
        score=float(getattr(obj, SCORE_FIELD, 0.0) or 0.0),
    )


class MergedResults:
    """A lazily merged, sliceable list over several sources (what Paginator needs)."""

    def __init__(self, search, sources):
        self.search = search
        self.sources = sources

    def count(self):
        return sum(self.search.source_count(source) for source in self.sources)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        depth = max(stop, RESCORE_WINDOW) if stop is not None else None
        rows = []
        for source in self.sources:
            for rank, obj in enumerate(self.search.source_results(source, depth)):
                rows.append((source, obj, rank))
        rows.sort(key=self.search.sort_key)
        shown = rows[start:stop]
        objects = self.search.load(shown)
        urls = directory_urls((obj for obj in objects if obj is not None), self.search.request)
        return [
            build_hit(
                obj, source.type_key, source.entry, self.search.terms, self.search.request, urls
            )
            for source, obj in zip((row[0] for row in shown), objects, strict=True)
            if obj is not None
        ]


class SiteSearch:
    def __init__(self, query: str, *, locale=None, filters=None, request=None, exclude_pages=()):
        self.query = query
        self.locale = locale
        self.filters = filters or SearchFilters()
        self.request = request
        self.exclude_pages = list(exclude_pages)
        self._counts = {}
        self._results = {}

    # -- what is searched ------------------------------------------------------------------

    @cached_property
    def tokens(self) -> list[str]:
        return query_tokens(self.query)

    @cached_property
    def terms(self) -> list[str]:
        """Words to highlight: the query's tokens and everything they stand for."""
        synonyms = synonym_map()
        words = set()
        for token in self.tokens:
            words.add(token)
            for option in alternatives(token, synonyms):
                # A lone character from a synonym's parts (物管费 → 费) would mark noise.
                words.update(word for word in option if len(word) > 1)
                words.add("".join(option))
        return sorted(words, key=len, reverse=True)

    @cached_property
    def _private_q(self):
        """Pages under a view restriction: read once, not once per searched page type."""
        return Page.objects.all().private_q()

    def _page_queryset(self, model):
        queryset = model.objects.live().exclude(self._private_q).filter(depth__gt=1)
        if self.locale is not None:
            queryset = queryset.filter(locale=self.locale)
        if self.exclude_pages:
            queryset = queryset.exclude(pk__in=self.exclude_pages)
        return queryset

    def _model_queryset(self, model):
        custom = getattr(model, "search_queryset", None)
        if callable(custom):
            return custom(self.locale)
        queryset = model._default_manager.all()
        if self.locale is not None and any(f.name == "locale" for f in model._meta.fields):
            queryset = queryset.filter(locale=self.locale)
        return queryset

    def _filtered(self, entry: SearchModel, queryset):
        """Apply compound and date filters; None when `entry` cannot satisfy them."""
        compound = self.filters.compound
        if compound is not None:
            if not entry.compound_lookup:
                return None
            if entry.compound_lookup == "pk":
                queryset = queryset.filter(translation_key=compound.translation_key)
            else:
                queryset = queryset.filter(
                    **{f"{entry.compound_lookup}__translation_key": compound.translation_key}
                ).distinct()
        queryset = self._in_community(entry, queryset)
        date_from, date_to = self.filters.date_from, self.filters.date_to
        if date_from or date_to:
            if not entry.date_field:
                return None
            model_field = queryset.model._meta.get_field(entry.date_field)
            lookup = entry.date_field + ("__date" if isinstance(model_field, DateTimeField) else "")
            if date_from:
                queryset = queryset.filter(**{f"{lookup}__gte": date_from})
            if date_to:
                queryset = queryset.filter(**{f"{lookup}__lte": date_to})
        return queryset

    def _in_community(self, entry: SearchModel, queryset):
        """Pages of the chosen community, rows of its pages and of its compounds; rows that
        belong to neither (the site's other snippets) are the whole city's."""
        if self.filters.community is None:
            return queryset
        if not self._filters_in_sql:
            return self._in_community_indexed(entry, queryset)
        return self._in_community_sql(entry, queryset)

    def _in_community_sql(self, entry: SearchModel, queryset):
        community = self.filters.community
        key = community.translation_key
        if entry.is_page:
            return queryset.filter(community_page_q(community))
        if entry.page_lookup:
            return queryset.filter(community_page_q(community, f"{entry.page_lookup}__"))
        if entry.compound_lookup == "pk":
            return queryset.filter(community__translation_key=key)
        if entry.compound_lookup:
            lookup = f"{entry.compound_lookup}__community__translation_key"
            return queryset.filter(**{lookup: key}).distinct()
        return queryset

    @cached_property
    def _filters_in_sql(self) -> bool:
        """Whether the backend filters the searched querysets in SQL (the database backends)
        or only on its index's filter fields (Elasticsearch)."""
        return getattr(get_search_backend(), "filters_in_sql", True)

    def _in_community_indexed(self, entry: SearchModel, queryset):
        """`_in_community` for a backend that filters on indexed fields only: pages by their
        path (a prefix per community home), other rows by their ids, which the database
        selects with the same filter as for the database backends (a statement a type and
        search)."""
        if entry.is_page:
            paths = community_paths_q(self.filters.community)
            return queryset.filter(paths) if paths is not None else queryset.none()
        filtered = self._in_community_sql(entry, queryset)
        if filtered is queryset:
            return queryset
        # A subquery: the Elasticsearch compiler runs it when each search is compiled, so
        # the kept source still reads fresh rows (see `all_sources`).
        return queryset.filter(pk__in=filtered.values("pk"))

    @cached_property
    def all_sources(self) -> list[Source]:
        """Every source, built once per content generation, language and filters.

        Building reads the page tree (view restrictions, which pages of each type exist,
        whether a directory's page is public): what the generation follows. The querysets
        are kept unevaluated, so the rows they filter are read fresh by every search.
        """
        token = derived("search:sources", lambda: uuid.uuid4().hex, self.request)
        filters = self.filters
        key = (
            token,
            self.locale.pk if self.locale is not None else None,
            filters.compound.pk if filters.compound is not None else None,
            filters.community.translation_key if filters.community is not None else None,
            filters.date_from,
            filters.date_to,
            tuple(sorted(filters.facets.items())),
            tuple(self.exclude_pages),
            tuple(search_types()),
        )
        sources = _built_sources.get(key)
        if sources is None:
            if any(stored[0] != token for stored in _built_sources):
                _built_sources.clear()  # a new generation: the old ones are of no use
            while len(_built_sources) >= SOURCES_KEPT:
                _built_sources.pop(next(iter(_built_sources)))
            sources = _built_sources[key] = self._build_sources()
        # Each search gets its own querysets: a search backend may change the one it is given.
        return [replace(source, queryset=source.queryset.all()) for source in sources]

    def _build_sources(self) -> list[Source]:
        sources = []
        registered = registered_page_models()
        for search_type in search_types():
            if search_type is OTHER_PAGES:
                if not self.filters.facets:
                    sources.extend(self._other_page_sources(registered))
                continue
            offered = {facet.param: facet for facet in search_type.facets}
            if any(param not in offered for param in self.filters.facets):
                continue  # a facet of another type is chosen: this type cannot match it
            for entry in search_type.available_models():
                model = entry.model
                base = self._page_queryset(model) if entry.is_page else self._model_queryset(model)
                queryset = self._filtered(entry, base)
                if queryset is None:
                    continue
                for param, value in self.filters.facets.items():
                    queryset = queryset.filter(**{offered[param].lookup: value})
                if entry.demoted:
                    demoted = dict(entry.demoted)
                    sources.append(
                        Source(search_type.key, entry, queryset.exclude(**demoted), entry.weight)
                    )
                    sources.append(
                        Source(
                            search_type.key,
                            entry,
                            queryset.filter(**demoted),
                            entry.weight * DEMOTED_WEIGHT,
                        )
                    )
                else:
                    sources.append(Source(search_type.key, entry, queryset, entry.weight))
        return sources

    def _other_page_sources(self, registered) -> list[Source]:
        """One source per unregistered page type that has live pages in this language.

        Searching `Page` minus the registered types would make the database match (and then
        throw away) every registered page: per type, the match is limited to that type.
        """
        present = (
            self._page_queryset(Page).values_list("content_type", flat=True).distinct().order_by()
        )
        sources = []
        for content_type_id in present:
            # get_for_id is served from ContentType's process-wide cache.
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or any(issubclass(model, known) for known in registered):
                continue
            entry = SearchModel(model._meta.label)
            queryset = self._filtered(entry, self._page_queryset(model).exact_type(model))
            if queryset is not None:
                sources.append(Source(OTHER_PAGES.key, entry, queryset))
        return sources

    @cached_property
    def sources(self) -> list[Source]:
        """The sources the result list shows (the type filter applied)."""
        if not self.filters.type_key:
            return self.all_sources
        return [s for s in self.all_sources if s.type_key == self.filters.type_key]

    # -- running it ------------------------------------------------------------------------

    @cached_property
    def operator(self) -> str:
        """AND, unless AND finds nothing anywhere and OR finds something."""
        if len(self.tokens) > 1 and not any(
            self._count(source, "and") for source in self.all_sources
        ):
            return "or"
        return "and"

    def _ranked(self, operator):
        """{id(source): (best RESCORE_WINDOW candidates, count)} of every source that can
        match, from one statement for all of them (`rank_sources` of the database backends),
        or None when the backend cannot (or the results are sorted by date)."""
        key = ("ranked", operator)
        if key in self._results:
            return self._results[key]
        ranker = getattr(get_search_backend(), "rank_sources", None)
        found = None
        if ranker is not None and self.filters.sort != SORT_NEWEST and self.tokens:
            tree = build_query(self.query, operator=operator)
            sources = [s for s in self.all_sources if not self._cannot_match(s, operator)]
            parts = [
                RankPart(s.content_types, s.queryset.model, s.ranked_queryset, s.compiled)
                for s in sources
            ]
            ranked = ranker(tree, parts, RESCORE_WINDOW) if tree is not None else None
            if ranked is not None:
                found = {}
                for source, (rows, total) in zip(sources, ranked, strict=True):
                    found[id(source)] = (self._candidates(source, rows), total)
        self._results[key] = found
        return found

    def _candidates(self, source, rows):
        """Candidates of a source's ranked rows; the objects themselves when only they can
        tell their own title (one statement per such model)."""
        to_python = source.queryset.model._meta.pk.to_python
        date_field = source.entry.date_field if source.entry.monthly else None
        candidates = [
            Candidate(to_python(key), score, title, date_field, _as_date(date))
            for key, score, title, date in rows
        ]
        if candidates and source.title_expression is None:
            objects = source.rows_queryset().order_by().in_bulk([c.pk for c in candidates])
            loaded = []
            for candidate in candidates:
                obj = objects.get(candidate.pk)
                if obj is not None:
                    setattr(obj, SCORE_FIELD, getattr(candidate, SCORE_FIELD))
                    loaded.append(obj)
            return loaded
        return candidates

    def load(self, rows):
        """The objects of merged rows (source, candidate or object, rank), one statement per
        model; None for a row whose object is gone."""
        wanted = {}
        for source, obj, _rank in rows:
            if isinstance(obj, Candidate):
                wanted.setdefault(source.queryset.model, []).append((source, obj.pk))
        loaded = {}
        for model, pairs in wanted.items():
            querysets = list({id(source): source.rows_queryset() for source, _ in pairs}.values())
            # Two sources of one model (a demoted part) filter apart: either may hold the row.
            queryset = reduce(operators.or_, (qs.order_by() for qs in querysets))
            loaded[model] = queryset.in_bulk([pk for _, pk in pairs])
        objects = []
        for source, obj, _rank in rows:
            if isinstance(obj, Candidate):
                found = loaded[source.queryset.model].get(obj.pk)
                if found is not None:
                    setattr(found, SCORE_FIELD, getattr(obj, SCORE_FIELD))
                obj = found
            objects.append(obj)
        return objects

    @property
    def relaxed(self) -> bool:
        return self.operator == "or"

    def _search(self, source, operator):
        key = (id(source), operator)
        if key not in self._results:
            self._results[key] = source.search(self.query, operator, self.filters.sort)
        return self._results[key]

    def _window(self, source, operator):
        """The best `RESCORE_WINDOW` rows of `source`: what a first page of results needs."""
        key = (id(source), operator, "window")
        if key not in self._results:
            self._results[key] = list(self._search(source, operator)[:RESCORE_WINDOW])
        return self._results[key]

    def _match_counts(self, operator):
        """Index rows matching the query per content type (one statement for every source),
        or None when the backend cannot tell."""
        key = ("match_counts", operator)
        if key not in self._results:
            self._results[key] = get_search_backend().match_counts(self.query, operator)
        return self._results[key]

    def _cannot_match(self, source, operator) -> bool:
        """True when no index row of the source's types matches: nothing to search or count."""
        counter = getattr(get_search_backend(), "match_counts", None)
        if counter is None:
            return False
        counts = self._match_counts(operator)
        if counts is None:
            return False
        return not any(counts.get(content_type) for content_type in source.content_types)

    def _count(self, source, operator):
        """How many rows `source` has; a source with fewer than a window needs no count."""
        key = (id(source), operator)
        if key not in self._counts:
            ranked = None if not self.tokens else self._ranked(operator)
            if not self.tokens or self._cannot_match(source, operator):
                self._counts[key] = 0
            elif ranked is not None:
                self._counts[key] = ranked.get(id(source), ((), 0))[1]
            else:
                window = self._window(source, operator)
                if len(window) < RESCORE_WINDOW:
                    self._counts[key] = len(window)
                else:
                    self._counts[key] = self._search(source, operator).count()
        return self._counts[key]

    def source_count(self, source):
        return self._count(source, self.operator)

    def source_results(self, source, depth=None):
        """The best `depth` rows of `source` (all of them if None)."""
        if not self.tokens or self._cannot_match(source, self.operator):
            return []
        if depth is not None and depth <= RESCORE_WINDOW:
            ranked = self._ranked(self.operator)
            if ranked is not None:
                return ranked.get(id(source), ((), 0))[0][:depth]
            return self._window(source, self.operator)[:depth]
        results = self._search(source, self.operator)
        return results[:depth] if depth is not None else results

    @cached_property
    def token_options(self) -> list[list[str]]:
        """Per query token, the words (token or synonym, joined) a title may show it as."""
        synonyms = synonym_map()
        return [
            ["".join(option) for option in alternatives(token, synonyms)] for token in self.tokens
        ]

    def title_bonus(self, obj) -> float:
        """1, or more when the result's own title holds every word of the query."""
        title = _NOT_WORD.sub("", normalize(own_title(obj)))
        if not title or not self.token_options:
            return 1.0
        covered = 0
        for options in self.token_options:
            found = [len(word) for word in options if word and word in title]
            if not found:
                return 1.0
            covered += max(found)
        return 1.0 + TITLE_BONUS * min(1.0, covered / len(title))

    def sort_key(self, row):
        """Order of merged rows: see the module docstring (rows are (source, obj, rank))."""
        source, obj, rank = row
        if self.filters.sort == SORT_NEWEST:
            value = _date(obj, source.entry)
            if isinstance(value, datetime.datetime):
                aware = timezone.is_aware(value)
                value = timezone.localtime(value).date() if aware else value.date()
            # Newest first, undated last.
            return (value is None, -(value.toordinal()) if value else 0)
        score = float(getattr(obj, SCORE_FIELD, 0.0) or 0.0) * source.weight
        in_window = rank < RESCORE_WINDOW
        if in_window:
            score *= self.title_bonus(obj) * self.month_weight(obj, source.entry)
        return (not in_window, -score)

    @cached_property
    def named_month(self):
        return named_month(self.query)

    def month_weight(self, obj, entry) -> float:
        """Monthly items: newest first, or the month the query names (search/recency.py)."""
        return month_weight(obj, entry, self.named_month)

    @cached_property
    def type_counts(self) -> list[tuple[str, str, int]]:
        """(key, label, count) for every type with at least one match, in registry order."""
        totals = {}
        for source in self.all_sources:
            totals[source.type_key] = totals.get(source.type_key, 0) + self.source_count(source)
        return [
            (search_type.key, search_type.label, totals[search_type.key])
            for search_type in search_types()
            if totals.get(search_type.key)
        ]

    @cached_property
    def results(self) -> MergedResults:
        return MergedResults(self, self.sources)

    @cached_property
    def total(self) -> int:
        return sum(count for _, _, count in self.type_counts)
