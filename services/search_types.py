"""The services app's content types on the search results page (registered by ServicesConfig)."""

from django.utils.translation import gettext_lazy as _

from search.registry import SearchModel, SearchType, register


def register_search_types():
    register(
        SearchType(
            "services",
            _("Services"),
            (
                SearchModel("services.ServiceOfferingPage"),
                SearchModel("services.ServiceIndexPage"),
            ),
            order=40,
        )
    )
    register(
        SearchType(
            "stations",
            _("Service stations"),
            (SearchModel("services.ServiceStation", date_field=None, compound_lookup="compound"),),
            order=45,
        )
    )
    register(
        SearchType(
            "events",
            _("Volunteer events"),
            (
                SearchModel(
                    "services.VolunteerEventPage",
                    date_field="starts_at",
                    compound_lookup="compound",
                ),
                SearchModel("services.VolunteerTeamPage"),
            ),
            order=50,
        )
    )
