"""Digits as people type them, and integers as attackers send them."""

import pytest
from django.urls import resolve
from django.urls.exceptions import Resolver404

from home.digits import DigitsField, ascii_digits
from home.params import MAX_ID, parse_int


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1234", "1234"),
        ("１２３４", "1234"),
        ("12 34", "1234"),
        ("12３4", "1234"),
        ("²", "2"),
        ("1a", None),
    ],
)
def test_ascii_digits_accepts_full_width_and_refuses_other_unicode_digits(value, expected):
    assert ascii_digits(value) == expected


def test_arabic_indic_digits_are_not_taken_for_ascii_ones():
    assert ascii_digits("١٢٣٤") is None


def test_digits_field_cleans_to_ascii_and_refuses_wrong_lengths():
    field = DigitsField(length=4)
    assert field.clean("５６７８") == "5678"
    for bad in ("123", "12345", "12a4", "١٢٣٤"):
        with pytest.raises(Exception, match="4"):
            field.clean(bad)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        ("１２", 12),
        ("99999999999999999999999", None),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("-5", None),
        ("²", 2),
        ("", None),
        ("1e3", None),
        (None, None),
    ],
)
def test_parse_int_keeps_keys_in_range(value, expected):
    assert parse_int(value, min_value=1) == expected


def test_id_converter_refuses_keys_no_database_holds():
    assert resolve("/volunteering/events/12.ics").kwargs == {"page_id": 12}
    with pytest.raises(Resolver404):
        resolve("/volunteering/events/99999999999999999999999.ics")
