"""The rankings app's content types on the search results page (registered by RankingsConfig).

Besides the month pages, the rankings app serves each firm's performance record (履约档案,
a route of the ranking index) and publishes the red and black list entries of each month and
the 淘汰建议 (replacement recommendations) with what became of them: each is found on its own
and links to where it is shown.
"""

from django.utils.translation import gettext_lazy as _

from search.registry import DEMOTED_WEIGHT, SearchModel, SearchType, register


def register_search_types():
    register(
        SearchType(
            "rankings",
            _("Rankings"),
            (SearchModel("rankings.RankingMonthPage", date_field="month", monthly=True),),
            order=30,
        )
    )
    register(
        SearchType(
            "firms",
            _("Property firms"),
            (
                SearchModel(
                    "home.PropertyFirm",
                    date_field=None,
                    compound_lookup="compounds",
                    # The snippet lists the firm's compounds (search_snippet_text).
                    prefetch_related=("compounds",),
                ),
            ),
            order=32,
        )
    )
    register(
        SearchType(
            "red_black",
            _("Red and black list"),
            (
                SearchModel(
                    "rankings.RedBlackEntry",
                    date_field="date",
                    compound_lookup="compound",
                    page_lookup="page",
                    # Its searchable text is written in its month page's language.
                    select_related=("page__locale",),
                ),
            ),
            order=34,
        )
    )
    register(
        SearchType(
            "recommendations",
            _("Replacement recommendations"),
            (
                SearchModel(
                    "rankings.Recommendation",
                    date_field="sent_on",
                    compound_lookup="compound",
                    # A card of a month's page: the month (and the compound) answer first.
                    weight=DEMOTED_WEIGHT,
                ),
            ),
            order=36,
        )
    )
