"""Figures counted from records by the app that owns them: the achievements page (工作成效) and
the city level (each community's key figures side by side).

Home imports no feature: each app registers an `achievement_figures` hook, a function taking
`community=None` and returning `AchievementFigure`s: over every community without one, over
that community's records (any language: match on its translation key) with one. `monthly`
maps "YYYY-MM" to the count of that month; `total` is the figure over all time (a count; for a
median, the median, or None when there is nothing to take it of). `order` sorts the figures on
the page and in the CSV; `scopes` says where a figure is shown.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "achievement_figures"
ACHIEVEMENTS = "achievements"  # the achievements page and its CSV
CITY = "city"  # the city level, one column per community


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
