"""Every public thing with its own URL is a search result linking to it, and nothing private is.

Issue #18 found stations, firms' records, red/black entries and follow-up items unfindable
and compound hits without a link. These tests read the demo; the ones that search index only
what they need.
"""

import datetime
import re

import pytest
from django.apps import apps
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.backends import get_search_backend

from search.query import month_words, named_month, query_tokens
from search.recency import FLOOR, NAMED_MONTH_BONUS, month_weight
from search.registry import SearchModel, get_type
from search.results import SiteSearch

pytestmark = pytest.mark.django_db

NEW_TYPES = {
    "stations": "services.ServiceStation",
    "firms": "home.PropertyFirm",
    "red_black": "rankings.RedBlackEntry",
    "follow_ups": "notices.FollowUpItem",
    "compounds": "home.Compound",
}


def zh():
    return Locale.objects.get(language_code="zh-hans")


def model(label):
    return apps.get_model(label)


@pytest.mark.parametrize(("key", "label"), NEW_TYPES.items())
def test_each_kind_is_a_registered_type_of_its_own(key, label):
    search_type = get_type(key)
    assert search_type is not None
    assert [entry.label for entry in search_type.available_models()] == [label]


@pytest.mark.parametrize("label", NEW_TYPES.values())
def test_every_public_row_of_each_kind_has_a_url(demo, label):
    rows = list(model(label).search_queryset(zh()))
    assert rows
    for row in rows:
        url = row.get_url()
        assert url and url.startswith("/"), (row, url)


def test_urls_point_where_each_thing_is_shown(demo, client):
    station = model("services.ServiceStation").objects.get(slug="miaopu", locale=zh())
    firm = model("home.PropertyFirm").objects.get(slug="jiangnan", locale=zh())
    compound = model("home.Compound").objects.get(slug="miaopu", locale=zh())
    assert station.get_url() == "/services/stations/miaopu/"
    assert firm.get_url() == "/rankings/firms/jiangnan/"
    assert compound.get_url() == "/compounds/miaopu/"
    entry = model("rankings.RedBlackEntry").search_queryset(zh()).first()
    item = model("notices.FollowUpItem").search_queryset(zh()).first()
    assert entry.get_url().endswith("/#red-black-heading")
    assert item.get_url().endswith("/#follow-up-heading")
    for url in (station.get_url(), firm.get_url(), compound.get_url(), entry.get_url()):
        response = client.get(url.split("#")[0])
        assert response.status_code == 200, url


def _restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.parametrize(
    ("restricted", "label"),
    [
        ("rankings.RankingIndexPage", "home.PropertyFirm"),
        ("rankings.RankingIndexPage", "rankings.RedBlackEntry"),
        ("notices.JointMeetingIndexPage", "notices.FollowUpItem"),
        ("services.ServiceIndexPage", "services.ServiceStation"),
        ("notices.CompoundIndexPage", "home.Compound"),
    ],
)
def test_nothing_below_a_private_page_is_searched_or_linked(demo, restricted, label):
    # The site root's section (回风亭社区's); the demo's other communities have their own,
    # so a compound or firm of theirs (江南物业 serves one) keeps its public page.
    index = model(restricted).objects.get(locale=zh(), depth=3)
    _restrict(index)
    elsewhere = {"community__slug__in": ["shuangyan", "xinhua"]}
    only_here = model(label).objects.filter(**_in_zh(label))
    if label == "home.Compound":
        only_here = only_here.exclude(**elsewhere)
    elif label == "home.PropertyFirm":
        only_here = only_here.exclude(**elsewhere).exclude(
            compounds__community__slug__in=elsewhere["community__slug__in"]
        )
    found = model(label).search_queryset(zh())
    assert not found.filter(pk__in=only_here.values("pk")).exists()
    if not label.startswith("home."):
        assert not found.exists()
    row = only_here.first()
    if hasattr(row, "public_index_page") or label.startswith("home."):
        assert row.get_url() is None


def _in_zh(label):
    if label in {"rankings.RedBlackEntry", "notices.FollowUpItem"}:
        return {"page__locale__language_code": "zh-hans"}
    return {"locale__language_code": "zh-hans"}


def test_items_of_one_private_meeting_are_left_out_and_the_others_kept(demo):
    item_model = model("notices.FollowUpItem")
    meeting = model("notices.JointMeetingPage").objects.get(
        slug="guihua-street-parking", locale=zh()
    )
    _restrict(meeting)
    found = item_model.search_queryset(zh())
    assert found.exists()
    assert not found.filter(page=meeting).exists()


def test_a_station_that_takes_no_appointments_is_not_found(demo):
    station_model = model("services.ServiceStation")
    station_model.objects.filter(slug="miaopu").update(is_active=False)
    assert not station_model.search_queryset(zh()).filter(slug="miaopu").exists()


def test_station_hits_link_to_the_station_on_the_results_page(demo, client):
    station_model = model("services.ServiceStation")
    get_search_backend().add_bulk(station_model, station_model.objects.all())
    response = client.get("/search/", {"q": "党群服务站", "type": "stations"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/services/stations/miaopu/"' in html
    assert "苗圃小区党群服务站" in re.sub(r"<[^>]+>", "", html)  # the title is highlighted


# -- months -------------------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("query", "month"),
    [
        ("2026年10月 提示函", datetime.date(2026, 10, 1)),
        ("10月 排名", datetime.date(2026, 10, 1)),
        ("上个月 排名", datetime.date(2026, 10, 1)),
        ("本月提示函", datetime.date(2026, 11, 1)),
        ("2026-08 考核排名", datetime.date(2026, 8, 1)),
        ("排名", None),
    ],
)
def test_the_month_a_query_names(time_machine, query, month):
    time_machine.move_to(TODAY)
    assert named_month(query) == month


def test_a_named_month_is_searched_as_titles_write_it(time_machine):
    time_machine.move_to(TODAY)
    assert query_tokens("上个月 排名") == query_tokens("2026年10月 排名")
    assert query_tokens("10月 排名") == query_tokens("2026年10月 排名")
    assert month_words(datetime.date(2026, 10, 1), "zh-hans") == "2026年10月"
    assert month_words(datetime.date(2026, 10, 1), "en") == "October 2026"


class Dated:
    def __init__(self, month):
        self.month = month


MONTHLY = SearchModel("rankings.RankingMonthPage", date_field="month", monthly=True)
NOT_MONTHLY = SearchModel("notices.NoticePage", date_field="month")


def test_newer_months_count_more_unless_a_month_is_named():
    newest = Dated(datetime.date(2026, 11, 1))
    older = Dated(datetime.date(2026, 8, 1))
    ancient = Dated(datetime.date(2020, 1, 1))
    assert month_weight(newest, MONTHLY, today=TODAY) == 1.0
    assert month_weight(older, MONTHLY, today=TODAY) < 1.0
    assert month_weight(ancient, MONTHLY, today=TODAY) == FLOOR
    assert month_weight(older, NOT_MONTHLY, today=TODAY) == 1.0
    named = datetime.date(2026, 8, 1)
    assert month_weight(older, MONTHLY, named, TODAY) == NAMED_MONTH_BONUS
    assert month_weight(newest, MONTHLY, named, TODAY) == 1.0


def test_compound_hits_link_to_the_compound_page(demo):
    compound_model = model("home.Compound")
    get_search_backend().add_bulk(compound_model, compound_model.objects.all())
    hits = SiteSearch("苗圃", locale=zh()).results[:10]
    compound_hits = [hit for hit in hits if hit.type_key == "compounds"]
    assert compound_hits
    assert compound_hits[0].url == "/compounds/miaopu/"
