"""The search app's own type: the compound directory of the foundation app (home).

Home sits below search (search imports home's models), so home cannot register its types
itself; search does it for the foundation. Feature apps register their own.
"""

from django.utils.translation import gettext_lazy as _

from .registry import SearchModel, SearchType, register


def register_search_types():
    register(
        SearchType(
            "compounds",
            _("Compounds"),
            (
                SearchModel(
                    "home.Compound",
                    date_field=None,
                    compound_lookup="pk",
                    # The snippet names the firm and its phone in the compound's language.
                    select_related=("property_firm", "locale", "community"),
                ),
            ),
            order=90,
        )
    )
