"""Any query returns a page, never a 500 (run on SQLite and on PostgreSQL)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.search.backends import get_search_backend

from tests.search_fixtures.models import FixtureNoticePage

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "\t\n  \u3000",
    "a" * 2000,
    "物业" * 1000,
    "。，、！？；：",
    "!!!???...",
    '"',
    '"abc',
    "'",
    "*",
    "物业*",
    "NEAR(",
    "NEAR(物业 电梯, 3)",
    "OR",
    "AND NOT OR",
    "物业 OR",
    "-物业",
    "title:物业",
    "{title body}: 物业",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "\x00",
    "物业\x00费",
    "😀🏠🚪",
    "物业😀费",
    "Mixed 物业 Русский العربية 日本語のテキスト",
    "\\",
    "%_%",
    "<script>alert(1)</script>",
    "\ud7ff\ufffd\uffff",
    "&#x0;",
    "的了吗",
]


@pytest.fixture
def searchable(notices):
    return notices


def test_hostile_queries_get_a_page(client, searchable):
    for query in HOSTILE:
        response = client.get("/search/", {"q": query, "page": "2", "sort": "newest"})
        assert response.status_code == 200, query
        assert client.get("/search/autocomplete/", {"q": query}).status_code == 200, query


def test_hostile_queries_through_the_search_api(searchable):
    backend = get_search_backend()
    for query in HOSTILE:
        list(backend.search(query, FixtureNoticePage.objects.live())[:10])
        list(backend.autocomplete(query, FixtureNoticePage.objects.live())[:10])
        backend.search(query, FixtureNoticePage.objects.live(), operator="or").count()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "物业", "type": "<bad>"},
        {"q": "物业", "compound": "'; --"},
        {"q": "物业", "date_from": "0000-00-00"},
        {"q": "物业", "date_to": "9" * 50},
        {"q": "物业", "sort": "pk"},
        {"q": "物业", "page": "-1"},
        {"q": "物业", "page": "1e9"},
        {"q": ["物业", "电梯"]},
    ],
)
def test_hostile_filters_get_a_page(client, searchable, params):
    assert client.get("/search/", params).status_code == 200


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.sampled_from(["物业", "业委会", "电梯"]).flatmap(
        lambda word: st.text(alphabet="\"*()^:-+ ORANDNEAR\x00'", max_size=20).map(
            lambda syntax: word + syntax + word
        )
    )
)
def test_fuzzed_queries_never_fail(client, searchable, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    list(get_search_backend().search(query, FixtureNoticePage.objects.live())[:5])
