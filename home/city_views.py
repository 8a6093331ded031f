"""The city level (/city/, /en/city/): every community with its key figures side by side.

A plain route, like the achievements page: it shows only figures, each counted from records
by the app that owns them through the `achievement_figures` registry (home/achievements.py),
asked once per community with that community as the filter. Home imports no feature.
"""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .achievements import CITY, achievement_figures
from .communities import community_homes


def city_columns(locale, request=None):
    """[{home, community, url, figures: {key: figure}}] for every community of `locale`."""
    return [
        {
            "home": home,
            "community": home.local_community,
            "url": home.get_url(request),
            "figures": {figure.key: figure for figure in achievement_figures(home.community, CITY)},
        }
        for home in community_homes(locale)
    ]


def city_rows(columns):
    """One row a figure: its label and each community's value, in the registry's order."""
    if not columns:
        return []
    first = columns[0]["figures"]
    return [
        {
            "key": key,
            "label": figure.label,
            "values": [column["figures"][key].total for column in columns],
        }
        for key, figure in first.items()
    ]


@require_GET
def city(request):
    columns = city_columns(Locale.get_active(), request)
    rows = city_rows(columns)
    # Phones get one card per community (label, value) instead of the table.
    for n, column in enumerate(columns):
        column["cells"] = [(row["label"], row["values"][n]) for row in rows]
    return TemplateResponse(request, "home/city.html", {"columns": columns, "rows": rows})
