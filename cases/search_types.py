"""Residents' reports on the search results page: the public log's entries (registered by
CasesConfig), filterable by compound like every type that names one."""

from django.utils.translation import gettext_lazy as _

from search.registry import SearchModel, SearchType, register


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
        )
    )
