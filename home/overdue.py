"""What is past its date, and by how many days: one rule for every kind of deadline.

Follow-up items, work-letter requirements, rectification deadlines and recommendations all
have a due date and, once done, a closing date. Each app registers an `overdue_items` hook: a
function of the admin request's user returning `OverdueItem`s it may see; the editors'
dashboard panel lists them together, soonest-missed first. Home imports no feature.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail import hooks

HOOK_NAME = "overdue_items"


def today() -> datetime.date:
    return timezone.localdate()


def days_overdue(due, closed_on=None, on=None) -> int:
    """Whole days past `due` on `on` (default today); 0 when not overdue.

    Due today is not overdue; due yesterday is one day overdue. Something closed is judged on
    the day it closed, so a late closing stays late (by the days it was late) and an on-time
    one never becomes overdue.
    """
    if due is None:
        return 0
    if isinstance(due, datetime.datetime):
        due = timezone.localdate(due)
    on = closed_on or on or today()
    if isinstance(on, datetime.datetime):
        on = timezone.localdate(on)
    return max((on - due).days, 0)


@dataclass(frozen=True)
class OverdueItem:
    kind: str  # a translated kind label, e.g. "跟进事项"
    title: str
    url: str
    due: datetime.date
    days: int


def overdue_items(user) -> list[OverdueItem]:
    items = [item for hook in hooks.get_hooks(HOOK_NAME) for item in hook(user)]
    return sorted(items, key=lambda item: (-item.days, item.due, item.title))
