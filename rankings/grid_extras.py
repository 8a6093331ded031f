"""Columns other apps add beside each firm's row of a month's score grid (admin).

Rankings must not import them; an app registers a `score_grid_row_extras` hook: a function of
(month page, firms of the grid) returning None or a `GridExtra` whose `cells` map a firm's id
to the HTML shown in that firm's row (already escaped, e.g. built with format_html). Each hook
should cost a fixed number of statements, however many firms the grid has.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "score_grid_row_extras"


@dataclass(frozen=True)
class GridExtra:
    heading: str
    cells: dict = field(default_factory=dict)


def score_grid_extras(month, firms) -> list[GridExtra]:
    return [extra for hook in hooks.get_hooks(HOOK_NAME) if (extra := hook(month, firms))]


def grid_rows(rows, extras):
    """The grid's (firm, cells, remarks) rows, each with its extra cells appended."""
    return [
        (firm, cells, remarks, [extra.cells.get(firm.pk, "") for extra in extras])
        for firm, cells, remarks in rows
    ]
