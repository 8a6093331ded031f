"""The rankings app's panel on the home page: this month's commended and replacement firms."""

from home.generation import derived
from home.panels import HomePanel

from .results import latest_summary

ORDER = 20


def ranking_panel(home, request):
    return HomePanel(
        "rankings/includes/home_ranking_summary.html",
        ORDER,
        # From the newest published month's stored standings: a publish or an approved
        # correction bumps the generation.
        {"summary": derived(f"rankings:home-summary:{home.pk}", lambda: latest_summary(home))},
    )
