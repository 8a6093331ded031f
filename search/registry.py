"""What the results page searches, grouped into the content types residents filter by.

Each app registers the types of its own content with `register()` from its AppConfig.ready()
(so the registry is complete once Django is set up, in INSTALLED_APPS order), and each type's
`order` fixes its place among the filters whatever the app order. A type names its models as
"app.Model" strings; a model whose app is not installed is skipped. Every live, public page
of a type not listed here is still found (under "Other pages"); a non-page model is found
only if it is listed.

Per model, `date_field` is the field that date filters and date sorting use (None: the model
has no date, so date-filtered searches leave it out), `page_lookup` the ORM path to the page
a row belongs to (the community filter keeps its community's rows) and `compound_lookup` the
ORM path to `home.Compound` (None: the model is not about a compound, so compound-filtered
searches leave it out; "pk" for Compound itself). `demoted` filters the rows that rank below the
rest of the model (e.g. superseded regulations and their articles): they are searched as a
source of their own whose scores count `DEMOTED_WEIGHT` times. `monthly` marks a model
that publishes one item per month (a ranking, a work letter, a joint meeting): when the
query names no month the newer items rank higher, and a query that names a month finds
that month's item (see `search.months`). `select_related` names the relations a result row
reads to show itself (a compound's firm for its snippet), loaded with the page's rows, and
`prefetch_related` the many-valued ones (a firm's compounds).

A type may also offer `facets`: filters of its own (e.g. a residents' report's category),
each a query parameter with choices the registering app lists. Choosing a facet's value
keeps only that type's matching rows, as a compound filter leaves out what names no compound.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

PAGE_DATE_FIELD = "first_published_at"
# A superseded rule still answers a question, but the rule in force answers it better.
DEMOTED_WEIGHT = 0.5


@dataclass(frozen=True)
class SearchModel:
    label: str
    date_field: str | None = PAGE_DATE_FIELD
    compound_lookup: str | None = None
    # A row that belongs to a page (an article of a regulation, a meeting's follow-up): the
    # ORM path to that page, so that the community filter keeps the page's community's rows.
    page_lookup: str | None = None
    demoted: tuple[tuple[str, object], ...] = ()
    # Every row of the model ranks at this weight: records that hang off a page (a month's
    # recommendation cards) come after the page that tells their story.
    weight: float = 1.0
    monthly: bool = False
    # Relations a result row shows (its snippet or link reads them): loaded with the row.
    select_related: tuple[str, ...] = ()
    # Many-valued relations a result row shows (a firm's compounds): one statement per
    # relation for the page's rows, not one per row.
    prefetch_related: tuple[str, ...] = ()

    @property
    def model(self):
        try:
            return apps.get_model(self.label)
        except (LookupError, ValueError):
            return None

    @property
    def is_page(self) -> bool:
        return self.model is not None and issubclass(self.model, Page)


@dataclass(frozen=True)
class SearchFacet:
    """A filter a type offers: `param` in the query string, `choices()` the [(value, label)]
    to choose from (in the active language), `lookup` the ORM path every model of the type
    compares the chosen value with."""

    param: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    lookup: str


@dataclass(frozen=True)
class SearchType:
    key: str
    label: str
    models: tuple[SearchModel, ...] = field(default_factory=tuple)
    # Position in the results page's filters: lower comes first.
    order: int = 100
    facets: tuple[SearchFacet, ...] = ()

    def available_models(self) -> list[SearchModel]:
        return [entry for entry in self.models if entry.model is not None]


OTHER_PAGES = SearchType("pages", _("Other pages"))

# Kept sorted by `order`, then registration order.
_registry: list[SearchType] = []


def search_types() -> list[SearchType]:
    """The registered types (in filter order), then "Other pages"."""
    return [*_registry, OTHER_PAGES]


def get_type(key: str) -> SearchType | None:
    return next((entry for entry in search_types() if entry.key == key), None)


def register(search_type: SearchType, *, before: str | None = None) -> None:
    """Add (or replace, by key) a type at its `order`; `before` places it ahead of another key."""
    unregister(search_type.key)
    keys = [entry.key for entry in _registry]
    if before in keys:
        position = keys.index(before)
        search_type = replace(search_type, order=_registry[position].order)
    else:
        position = next(
            (i for i, entry in enumerate(_registry) if entry.order > search_type.order),
            len(_registry),
        )
    _registry.insert(position, search_type)


def unregister(key: str) -> None:
    _registry[:] = [entry for entry in _registry if entry.key != key]


def search_facets() -> list[tuple[SearchType, SearchFacet]]:
    """Every facet of the registered types, in filter order."""
    return [(entry, facet) for entry in _registry for facet in entry.facets]


def registered_page_models() -> list[type]:
    return [
        entry.model
        for search_type in _registry
        for entry in search_type.available_models()
        if entry.is_page
    ]
