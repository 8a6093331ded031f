"""What the results page searches, grouped into the content types residents filter by.

Each `SearchType` names its models as "app.Model" strings; a model whose app is not installed
(yet) is skipped, so the lead can list models that other branches bring and extend the list
at merge with `register()`. Every live, public page of a type not listed here is still found
(under "Other pages"); a non-page model is found only if it is listed.

Per model, `date_field` is the field that date filters and date sorting use (None: the model
has no date, so date-filtered searches leave it out) and `compound_lookup` the ORM path to
`home.Compound` (None: the model is not about a compound, so compound-filtered searches
leave it out; "pk" for Compound itself). `demoted` filters the rows that rank below the
rest of the model (e.g. superseded regulations and their articles): they are searched as a
source of their own whose scores count `DEMOTED_WEIGHT` times.
"""

from dataclasses import dataclass, field

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
    demoted: tuple[tuple[str, object], ...] = ()

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
class SearchType:
    key: str
    label: str
    models: tuple[SearchModel, ...] = field(default_factory=tuple)

    def available_models(self) -> list[SearchModel]:
        return [entry for entry in self.models if entry.model is not None]


OTHER_PAGES = SearchType("pages", _("Other pages"))

_registry: list[SearchType] = [
    SearchType(
        "notices",
        _("Notices"),
        (
            SearchModel(
                "notices.NoticePage", date_field="publish_date", compound_lookup="compounds"
            ),
            SearchModel("notices.WorkLetterPage", date_field="month"),
            SearchModel("notices.JointMeetingPage", date_field="meeting_date"),
        ),
    ),
    SearchType(
        "regulations",
        _("Regulations"),
        (
            SearchModel(
                "notices.RegulationPage",
                date_field="effective_on",
                demoted=(("status", "superseded"),),
            ),
            SearchModel(
                "notices.RegulationArticle", date_field=None, demoted=(("in_force", False),)
            ),
            SearchModel("notices.AssociationPage"),
        ),
    ),
    SearchType(
        "rankings",
        _("Rankings"),
        (SearchModel("rankings.RankingMonthPage", date_field="month"),),
    ),
    SearchType(
        "services",
        _("Services"),
        (
            SearchModel("services.ServiceOfferingPage"),
            SearchModel("services.ServiceIndexPage"),
        ),
    ),
    SearchType(
        "events",
        _("Volunteer events"),
        (
            SearchModel(
                "services.VolunteerEventPage", date_field="starts_at", compound_lookup="compound"
            ),
            SearchModel("services.VolunteerTeamPage"),
        ),
    ),
    SearchType(
        "compounds",
        _("Compounds"),
        (SearchModel("home.Compound", date_field=None, compound_lookup="pk"),),
    ),
]


def search_types() -> list[SearchType]:
    """The registered types (in filter order), then "Other pages"."""
    return [*_registry, OTHER_PAGES]


def get_type(key: str) -> SearchType | None:
    return next((entry for entry in search_types() if entry.key == key), None)


def register(search_type: SearchType, *, before: str | None = None) -> None:
    """Add (or replace, by key) a type; `before` places it ahead of another key."""
    unregister(search_type.key)
    keys = [entry.key for entry in _registry]
    position = keys.index(before) if before in keys else len(_registry)
    _registry.insert(position, search_type)


def unregister(key: str) -> None:
    _registry[:] = [entry for entry in _registry if entry.key != key]


def registered_page_models() -> list[type]:
    return [
        entry.model
        for search_type in _registry
        for entry in search_type.available_models()
        if entry.is_page
    ]
