"""Figures of the achievements page (工作成效), each counted from records by the app that owns them.

Home imports no feature: each app registers an `achievement_figures` hook, a function of no
arguments returning `AchievementFigure`s. `monthly` maps "YYYY-MM" to the count of that month;
`total` is the count over all time (not necessarily the sum of the months shown). `order` sorts
the figures on the page and in the CSV.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "achievement_figures"


@dataclass(frozen=True)
class AchievementFigure:
    key: str  # stable, ASCII: the CSV column and the anchor
    label: str  # translated
    total: int
    monthly: dict = field(default_factory=dict)
    order: int = 100


def achievement_figures() -> list[AchievementFigure]:
    figures = [figure for hook in hooks.get_hooks(HOOK_NAME) for figure in hook()]
    return sorted(figures, key=lambda figure: (figure.order, figure.key))
