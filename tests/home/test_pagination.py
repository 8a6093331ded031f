"""The shared paginate helper, and that every listing on the site goes through it."""

import pathlib

import pytest
from django.test import RequestFactory

from home.pagination import page_number, paginate

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ("home", "notices", "rankings", "search", "services", "caching")


@pytest.mark.parametrize(
    "value, max_page, number",
    [
        ("3", None, 3),
        (None, None, 1),
        ("", None, 1),
        ("abc", None, 1),
        ("2.5", None, 1),
        ("0", None, 1),
        ("-4", None, 1),
        ("99999", None, 99999),
        ("99999", 100, 100),
        ("7", 100, 7),
    ],
)
def test_page_number(value, max_page, number):
    assert page_number(value, max_page) == number


@pytest.mark.parametrize(
    "query, number",
    [("", 1), ("page=2", 2), ("page=abc", 1), ("page=0", 1), ("page=99999", 3), ("page=%00", 1)],
)
def test_paginate_never_fails_on_a_bad_page(query, number):
    request = RequestFactory().get(f"/?{query}")
    page = paginate(request, list(range(25)), per_page=10)
    assert page.number == number
    assert page.elided_range[-1] == 3


def test_paginate_reads_the_named_parameter_and_caps_the_depth():
    request = RequestFactory().get("/?p=5&page=1")
    assert paginate(request, list(range(100)), per_page=10, param="p").number == 5
    assert paginate(request, list(range(100)), per_page=10, param="p", max_page=3).number == 3


def test_no_listing_builds_a_paginator_of_its_own():
    """Bad-page handling lives in one place; a second Paginator would need its own tests."""
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "Paginator(" in path.read_text(encoding="utf-8")
        and path != ROOT / "home" / "pagination.py"
    ]
    assert offenders == []
