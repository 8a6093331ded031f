"""The rankings app's panel on the home page: this month's commended and replacement firms."""

from home.panels import HomePanel

from .results import latest_summary

ORDER = 20


def ranking_panel(home, request):
    return HomePanel(
        "rankings/includes/home_ranking_summary.html", ORDER, {"summary": latest_summary(home)}
    )
