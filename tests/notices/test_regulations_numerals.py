import pytest
from hypothesis import given
from hypothesis import strategies as st

from notices.numerals import chinese_numeral, parse_article_reference, parse_chinese_numeral


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (40, "四十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (119, "一百一十九"),
        (120, "一百二十"),
        (200, "二百"),
        (305, "三百零五"),
        (510, "五百一十"),
        (999, "九百九十九"),
    ],
)
def test_chinese_numeral(number, expected):
    assert chinese_numeral(number) == expected


@pytest.mark.parametrize("number", [0, -1, 1000, 12345])
def test_out_of_range_is_refused(number):
    with pytest.raises(ValueError):
        chinese_numeral(number)


@pytest.mark.parametrize("value", ["3", 3.0, True, None])
def test_non_integers_are_refused(value):
    with pytest.raises(TypeError):
        chinese_numeral(value)


def test_every_number_has_its_own_numeral():
    numerals = [chinese_numeral(n) for n in range(1, 1000)]
    assert len(set(numerals)) == 999
    assert not any(n.endswith("零") or n.startswith("一十") or "零零" in n for n in numerals)


@given(st.integers(min_value=1, max_value=999))
def test_parse_reverses_numeral(number):
    assert parse_chinese_numeral(chinese_numeral(number)) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("十二", 12), ("一十二", 12), ("两百", 200), ("一百零一", 101), ("12", 12), (" 三十 ", 30)],
)
def test_parse_accepts_what_readers_type(text, expected):
    assert parse_chinese_numeral(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "百", "十十", "零", "一百二", "一百零", "二千", "abc", "0", "1000", "一百零十", None],
)
def test_parse_rejects_what_is_not_a_numeral(text):
    assert parse_chinese_numeral(text) is None


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("14", 14),
        ("１４", 14),
        ("十四", 14),
        ("第十四条", 14),
        ("第14条", 14),
        (" 第 十四 条 ", 14),
        ("Article 14", 14),
        ("一百零一", 101),
        ("0", None),
        ("1000", None),
        ("第条", None),
        ("十四点", None),
        ("abc", None),
        ("", None),
        ("9" * 30, None),
        (None, None),
    ],
)
def test_parse_article_reference(typed, number):
    assert parse_article_reference(typed) == number
