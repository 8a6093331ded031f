"""Residents' reports on the search results page: the public log's entries (registered by
CasesConfig), filterable by compound like every type that names one, and by category (the
type's own facet)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search.registry import SearchFacet, SearchModel, SearchType, register


def category_options():
    """[(slug, name in the active language)] of every report category, in form order.

    Cases point at default-language categories, so the slug is theirs; one statement, two in
    another language (the translated names)."""
    from .models import CaseCategory
    from .naming import translated_names

    categories = list(
        CaseCategory.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
            "sort_order", "pk"
        )
    )
    names = translated_names(categories)
    return [(category.slug, names[category.pk]) for category in categories]


def register_search_types():
    register(
        SearchType(
            "reports",
            _("Residents' reports"),
            (
                SearchModel(
                    "cases.Case",
                    date_field="received_at",
                    compound_lookup="compound",
                    # A resident's question is answered by the rules and notices first; the log
                    # of what happened to others' reports comes after them (half weight).
                    demoted=(("is_public", True),),
                ),
            ),
            order=60,
            facets=(
                SearchFacet("category", _("Report category"), category_options, "category__slug"),
            ),
        )
    )
