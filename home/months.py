"""Months as people type them: the one parser for filters and search queries.

Residents write a month the way they say it: 2026年11月, 11月, 十一月, 2026-11, 2026/11,
２０２６年１１月 from a Chinese input method, 上个月, or on English pages "November 2026". All
of them mean the first day of a calendar month. A month without a year is the most recent
such month up to `today` (in November 2026, 12月 is December 2025): what is published is in
the past, so that is the month a resident asking for "12月" means.

`parse_month` reads a whole value (a form field); `find_month` finds a month inside longer
text (a search query) and says where, so the caller can drop it from the words it searches.
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone

MIN_YEAR = 1900
MAX_YEAR = 2999

CHINESE_MONTHS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
ENGLISH_MONTHS = {
    name.lower(): number for number, name in enumerate(calendar.month_name) if number
} | {name.lower(): number for number, name in enumerate(calendar.month_abbr) if number}
ENGLISH_MONTHS["sept"] = 9

# Offsets from the current month for the relative words; longest first so 上个月 wins over 上月.
RELATIVE = {
    "上个月": -1,
    "上月": -1,
    "本月": 0,
    "这个月": 0,
    "这月": 0,
    "当月": 0,
    "last month": -1,
    "this month": 0,
}

_CN_MONTH = "十[一二]|十|[一二三四五六七八九]"
_EN_MONTH = "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))
_RELATIVE = "|".join(re.escape(word) for word in sorted(RELATIVE, key=len, reverse=True))

# Alternatives are tried in order: the forms with a year before the bare month, so that
# 2026年11月 is one month and not "11月" with a stray year before it.
MONTH_RE = re.compile(
    rf"""
    (?<!\d)(?P<iso_year>\d{{4}})\s*[-/.]\s*(?P<iso_month>\d{{1,2}})(?![\d\-/.])
    | (?<!\d)(?P<cn_year>\d{{4}})\s*年\s*
      (?:(?P<cn_month>\d{{1,2}})|(?P<cn_month_word>{_CN_MONTH}))\s*月份?
    | (?<![\d年])(?:(?P<bare_month>\d{{1,2}})|(?P<bare_month_word>{_CN_MONTH}))\s*月份?
    | \b(?P<en_month>{_EN_MONTH})\.?,?\s+(?P<en_year>\d{{4}})\b
    | \b(?P<en_year_first>\d{{4}})\s+(?P<en_month_after>{_EN_MONTH})\b
    | (?P<relative>{_RELATIVE})
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class MonthMatch:
    """A month found in text: its first day, and where in the (NFKC-normalised) text it was."""

    month: datetime.date
    start: int
    end: int


def normalise(text):
    """NFKC, so full-width digits, slashes and spaces read as ASCII; the offsets refer to this."""
    return unicodedata.normalize("NFKC", text or "")


def shift(month, months):
    """The first day of the month `months` after (or before, if negative) `month`."""
    index = month.year * 12 + (month.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_of(match, today):
    groups = match.groupdict()
    this_month = today.replace(day=1)
    if groups["relative"]:
        return shift(this_month, RELATIVE[groups["relative"].lower()])
    year = groups["iso_year"] or groups["cn_year"] or groups["en_year"] or groups["en_year_first"]
    number = groups["iso_month"] or groups["cn_month"] or groups["bare_month"]
    word = groups["cn_month_word"] or groups["bare_month_word"]
    english = groups["en_month"] or groups["en_month_after"]
    if number:
        month = int(number)
    elif word:
        month = CHINESE_MONTHS[word]
    else:
        month = ENGLISH_MONTHS[english.lower()]
    if not 1 <= month <= 12:
        return None
    if year is None:
        # A month without a year: the latest one not after this month.
        year = today.year if month <= today.month else today.year - 1
    year = int(year)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return datetime.date(year, month, 1)


def find_month(text, today=None):
    """The first month named in `text` as a MonthMatch, or None.

    Offsets refer to `normalise(text)`. A match whose numbers are not a real month (2026-13)
    is skipped, and the search goes on after it.
    """
    today = today or timezone.localdate()
    text = normalise(text)
    for match in MONTH_RE.finditer(text):
        month = _month_of(match, today)
        if month is not None:
            return MonthMatch(month, match.start(), match.end())
    return None


def parse_month(value, today=None):
    """The first day of the month `value` names, or None unless the whole value is one month."""
    text = normalise(value).strip()
    found = find_month(text, today)
    if found is None or found.start != 0 or found.end != len(text):
        return None
    return found.month


def without_month(text, today=None):
    """`text` (normalised) with the month it names removed, and that month (or None).

    For search: "2026年10月 排名" searches for 排名 within October 2026.
    """
    text = normalise(text)
    found = find_month(text, today)
    if found is None:
        return text.strip(), None
    rest = (text[: found.start] + " " + text[found.end :]).strip()
    return " ".join(rest.split()), found.month
