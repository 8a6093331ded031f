"""The rankings app's content type on the search results page (registered by RankingsConfig)."""

from django.utils.translation import gettext_lazy as _

from search.registry import SearchModel, SearchType, register


def register_search_types():
    register(
        SearchType(
            "rankings",
            _("Rankings"),
            (SearchModel("rankings.RankingMonthPage", date_field="month"),),
            order=30,
        )
    )
