"""Figures counted from records by the app that owns them: the achievements page (工作成效) and
the city level (each community's key figures side by side).

Home imports no feature: each app registers an `achievement_figures` hook, a function taking
`community=None` and returning `AchievementFigure`s: over every community without one, over
that community's records (any language: match on its translation key) with one. `monthly`
maps "YYYY-MM" to the count of that month; `total` is the figure over all time (a count; for a
median, the median, or None when there is nothing to take it of). `order` sorts the figures on
the page and in the CSV; `scopes` says where a figure is shown.

The city level asks for every community at once instead (a per-community hook would cost its
statements once per community, thousands at city size): each app also registers a
`city_figures` hook, a function taking `communities` and returning {community translation key:
[figures]} for those communities, plus the city-wide figures under `TOTAL`, each figure counted
in one grouped statement (GROUP BY the community's translation key) whatever the number of
communities. Its figures equal the `achievement_figures` hook's CITY figures per community.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "achievement_figures"
ACHIEVEMENTS = "achievements"  # the achievements page and its CSV
CITY = "city"  # the city level, one row per community
CITY_HOOK_NAME = "city_figures"
TOTAL = "total"  # in a `city_figures` answer: the figures over every community


@dataclass(frozen=True)
class AchievementFigure:
    key: str  # stable, ASCII: the CSV column and the anchor
    label: str  # translated
    total: int | float | None
    monthly: dict = field(default_factory=dict)
    order: int = 100
    scopes: frozenset = frozenset({ACHIEVEMENTS})


def achievement_figures(community=None, scope=ACHIEVEMENTS) -> list[AchievementFigure]:
    figures = [
        figure
        for hook in hooks.get_hooks(HOOK_NAME)
        for figure in hook(community=community)
        if scope in figure.scopes
    ]
    return sorted(figures, key=lambda figure: (figure.order, figure.key))


def city_figures(communities) -> dict:
    """{translation key: {figure key: figure}} for each of `communities`, and `TOTAL`: the
    figures over the whole city; a fixed number of statements however many communities."""
    keys = [community.translation_key for community in communities]
    answer = {key: [] for key in [*keys, TOTAL]}
    for hook in hooks.get_hooks(CITY_HOOK_NAME):
        figures = hook(communities=communities)
        for key in answer:
            answer[key].extend(figures.get(key, ()))
    return {
        key: {
            figure.key: figure
            for figure in sorted(figures, key=lambda figure: (figure.order, figure.key))
        }
        for key, figures in answer.items()
    }


def by_community(rows, communities, total=None):
    """{translation key: value} of `communities` from grouped `rows` of (key, value), with
    `TOTAL` the sum over every row (rows of no community too) unless `total` is given; a
    community without a row counts 0."""
    counts = dict(rows)
    answer = {
        community.translation_key: counts.get(community.translation_key, 0)
        for community in communities
    }
    answer[TOTAL] = sum(counts.values()) if total is None else total
    return answer
