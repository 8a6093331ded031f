import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from home.months import find_month, parse_month, shift, without_month

TODAY = datetime.date(2026, 11, 27)
NOV_2026 = datetime.date(2026, 11, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2026年11月",
        "2026年 11 月",
        "2026年11月份",
        "11月",
        "十一月",
        "2026年十一月",
        "2026-11",
        "2026/11",
        "2026.11",
        "２０２６年１１月",
        "２０２６－１１",
        " 2026-11 ",
        "本月",
        "November 2026",
        "nov 2026",
        "Nov. 2026",
        "2026 November",
    ],
)
def test_every_way_of_writing_november_2026(text):
    assert parse_month(text, TODAY) == NOV_2026


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12月", datetime.date(2025, 12, 1)),  # a month without a year is never in the future
        ("十二月", datetime.date(2025, 12, 1)),
        ("1月", datetime.date(2026, 1, 1)),
        ("上个月", datetime.date(2026, 10, 1)),
        ("上月", datetime.date(2026, 10, 1)),
        ("last month", datetime.date(2026, 10, 1)),
    ],
)
def test_months_relative_to_today(text, expected):
    assert parse_month(text, TODAY) == expected


def test_last_month_in_january_is_december_of_the_year_before():
    assert parse_month("上个月", datetime.date(2027, 1, 5)) == datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "2026",
        "2026年",
        "13月",
        "0月",
        "2026-13",
        "2026-00",
        "2026-11-05",
        "11月 物业",
        "0999-01",
    ],
)
def test_what_is_not_one_month_is_none(text):
    assert parse_month(text, TODAY) is None


def test_find_month_in_a_query_and_drop_it():
    assert without_month("2026年10月 排名", TODAY) == ("排名", datetime.date(2026, 10, 1))
    assert without_month("10月的提示函", TODAY) == ("的提示函", datetime.date(2026, 10, 1))
    assert without_month("电梯 维修", TODAY) == ("电梯 维修", None)


def test_find_month_skips_a_date_and_an_impossible_month():
    assert find_month("2026-11-05 停水", TODAY) is None
    found = find_month("2026-13 和 2026年9月", TODAY)
    assert found.month == datetime.date(2026, 9, 1)


def test_year_and_month_are_read_as_one_month_not_a_bare_month():
    found = find_month("看 2025年3月 的排名", TODAY)
    assert found.month == datetime.date(2025, 3, 1)
    assert "看 2025年3月 的排名"[found.start : found.end] == "2025年3月"


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_written_months_read_back(day):
    first = day.replace(day=1)
    for text in (
        f"{day.year}年{day.month}月",
        f"{day.year}-{day.month:02d}",
        f"{day.year}/{day.month}",
    ):
        assert parse_month(text, TODAY) == first


@given(st.integers(min_value=-400, max_value=400))
def test_shift_moves_by_whole_months(months):
    shifted = shift(NOV_2026, months)
    assert shifted.day == 1
    assert (shifted.year - 2026) * 12 + shifted.month - 11 == months
