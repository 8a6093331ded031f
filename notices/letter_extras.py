"""Columns other apps add beside each requirement of a work letter's public page.

Notices must not import them; an app registers a `work_letter_item_extras` hook: a function
of (letter page, its items, request) returning None or a `LetterItemExtra` whose `cells` map
an item's id (of the page shown, in its language) to the HTML of its cell (already escaped)
and whose optional `summary` is a sentence shown above the requirements (what is overdue).
Each hook should cost a fixed number of statements however many items the letter has.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "work_letter_item_extras"


@dataclass(frozen=True)
class LetterItemExtra:
    heading: str
    cells: dict = field(default_factory=dict)
    summary: str = ""


def work_letter_item_extras(page, items, request) -> list[LetterItemExtra]:
    return [extra for hook in hooks.get_hooks(HOOK_NAME) if (extra := hook(page, items, request))]


def with_extras(areas, extras):
    """`items_by_area()` with each item paired with its extra cells."""
    return [
        (area, [(item, [extra.cells.get(item.pk, "") for extra in extras]) for item in items])
        for area, items in areas
    ]
