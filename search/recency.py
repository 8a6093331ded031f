"""How much a monthly item's score counts by its month (see `SearchModel.monthly`).

Rankings, work letters and joint meetings come once a month, with near-identical words each
time, so their relevance alone cannot tell months apart. When the query names no month the
newer ones should come first: each month of age costs a share of the score, down to a
floor. When it names one, that month's item counts double, so that it leads whatever the
other months' wording.
"""

import datetime

from django.utils import timezone

DECAY_PER_MONTH = 0.9
FLOOR = 0.5
NAMED_MONTH_BONUS = 2.0


def _month_of(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1) if isinstance(value, datetime.date) else None


def month_weight(obj, entry, named_month=None, today=None) -> float:
    """1 for anything not monthly; else by age, or by whether it is the month asked for."""
    if not entry.monthly or not entry.date_field:
        return 1.0
    month = _month_of(getattr(obj, entry.date_field, None))
    if month is None:
        return 1.0
    if named_month is not None:
        return NAMED_MONTH_BONUS if month == named_month else 1.0
    this_month = (today or timezone.localdate()).replace(day=1)
    age = max(0, (this_month.year - month.year) * 12 + this_month.month - month.month)
    return max(FLOOR, DECAY_PER_MONTH**age)
