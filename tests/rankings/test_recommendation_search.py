"""淘汰建议 and what became of them are a search type of their own: found by what they are,
where they stand and who received them, linked to their card on the month page, and only
where an anonymous visitor may open that page."""

import datetime
import re

import pytest
import time_machine
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.backends import get_search_backend

from home.demo_tools import ensure_snippet_translation, ensure_translation
from rankings.models import ManagementGroup, Recommendation
from search.registry import get_type
from tests.factories.rankings import month_with_scores

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def october(index_page, criteria, firms):
    """Firms 4 and 3 are the bottom two; firm 4's compound has a management group."""
    ManagementGroup.objects.create(
        compound=firms[4].compounds.get(),
        name="小区004物业管理小组",
        set_up_on=datetime.date(2025, 1, 1),
    )
    at = datetime.datetime(2026, 11, 5, 12, tzinfo=datetime.UTC)
    with time_machine.travel(at, tick=False):
        month = month_with_scores(
            index_page,
            datetime.date(2026, 10, 1),
            {
                firms[0]: [30, 30, 40],
                firms[1]: [25, 25, 30],
                firms[2]: [20, 30, 30],
                firms[3]: [20, 20, 30],
                firms[4]: [10, 10, 20],
                firms[5]: None,
            },
        )
    recs = Recommendation.objects.filter(month=month)
    assert recs.count() == 2
    get_search_backend().add_bulk(Recommendation, Recommendation.get_indexed_objects())
    return month


def search(client, query, prefix=""):
    response = client.get(prefix + "/search/", {"q": query, "type": "recommendations"})
    assert response.status_code == 200
    return response.content.decode()


def test_recommendations_are_a_registered_search_type():
    search_type = get_type("recommendations")
    assert [entry.label for entry in search_type.available_models()] == ["rankings.Recommendation"]


def test_a_search_finds_each_recommendation_and_links_to_its_card(client, october, firms):
    html = search(client, "淘汰建议")
    for rec in Recommendation.objects.filter(month=october):
        assert f'href="{october.url}#recommendation-{rec.pk}"' in html
        assert rec.firm.name in re.sub(r"<[^>]+>", "", html)
    # The card it links to is on the month page.
    page = client.get(october.url).content.decode()
    rec = Recommendation.objects.filter(month=october).first()
    assert f'id="recommendation-{rec.pk}"' in page


def test_found_by_who_received_it(client, october, firms):
    html = search(client, "物业管理小组")
    grouped = Recommendation.objects.get(month=october, firm=firms[4])
    other = Recommendation.objects.get(month=october, firm=firms[3])
    assert f"#recommendation-{grouped.pk}" in html
    assert f"#recommendation-{other.pk}" not in html


def test_nothing_under_a_private_page_is_found(client, october, index_page):
    assert Recommendation.search_queryset(locale("zh-hans")).count() == 2
    PageViewRestriction.objects.create(page=index_page, restriction_type=PageViewRestriction.LOGIN)
    assert not Recommendation.search_queryset(locale("zh-hans")).exists()
    assert "#recommendation-" not in search(client, "淘汰建议")


def test_an_unpublished_month_keeps_its_recommendations_out(october):
    october.unpublish()
    assert not Recommendation.search_queryset(locale("zh-hans")).exists()
    assert not Recommendation.search_queryset(None).exists()


def test_english_results_link_to_the_english_month(client, october):
    # No English month yet: nothing to link an English reader to.
    assert not Recommendation.search_queryset(locale("en")).exists()
    en = ensure_translation(october, locale("en"), title="October 2026")
    recs = list(Recommendation.search_queryset(locale("en")))
    assert len(recs) == 2
    with translation.override("en"):
        assert recs[0].get_url() == f"{en.url}#recommendation-{recs[0].pk}"
    firm = recs[0].firm
    ensure_snippet_translation(firm, locale("en"), name="Chengxiang Property")
    html = search(client, "replacement recommendation", prefix="/en")
    assert f'href="{en.url}#recommendation-{recs[0].pk}"' in html
    assert "Chengxiang Property" in re.sub(r"<[^>]+>", "", html)
