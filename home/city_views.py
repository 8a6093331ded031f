"""The city level (/city/, /en/city/): every community with its key figures, a row each.

A plain route, like the achievements page: it shows only figures, each counted from records
by the app that owns them through the `city_figures` registry (home/achievements.py), which
answers for all the communities of a page at once, so the page costs the same statements at
one community as at three hundred. Rows are sorted by name (pinyin for Chinese names, the
order residents look them up in) and paginated; the city's totals come first. Home imports
no feature.
"""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from pypinyin import lazy_pinyin
from wagtail.models import Locale

from .achievements import TOTAL, city_figures
from .communities import community_homes
from .pagination import paginate

PER_PAGE = 25


def name_key(name):
    """Sort key of a community's name: its pinyin (Latin text as it is), case-folded."""
    return "".join(lazy_pinyin(name)).casefold()


def city_rows(homes, request=None):
    """[{home, community, url, figures: [figure]}] for `homes`, and the city's totals as
    [figure], the figures in the registry's order."""
    figures = city_figures([home.community for home in homes])
    totals = list(figures[TOTAL].values())
    rows = [
        {
            "home": home,
            "community": home.local_community,
            "url": home.get_url(request),
            "figures": [figures[home.community.translation_key][f.key] for f in totals],
        }
        for home in homes
    ]
    return rows, totals


@require_GET
def city(request):
    homes = sorted(
        community_homes(Locale.get_active()), key=lambda home: name_key(home.local_community.name)
    )
    page = paginate(request, homes, per_page=PER_PAGE)
    rows, totals = city_rows(list(page), request)
    return TemplateResponse(
        request,
        "home/city.html",
        {"rows": rows, "totals": totals, "page_obj": page, "has_communities": bool(homes)},
    )
