"""The notice index: filters, pagination, bad input, expiry and what the home page shows."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.home_panels import latest_notices
from notices.models import NoticeIndexPage, NoticePage
from tests.factories.home import CompoundFactory
from tests.factories.notices import NoticePageFactory

from .helpers import TODAY, english, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0), tick=False):
        yield


def titles(response):
    return [notice.title for notice in response.context["notices"].object_list]


def test_default_view_lists_current_notices_pinned_first_then_newest(client, notice_index):
    NoticePageFactory(parent=notice_index, title="旧通知", publish_date=datetime.date(2026, 10, 1))
    NoticePageFactory(parent=notice_index, title="新通知", publish_date=datetime.date(2026, 11, 20))
    NoticePageFactory(
        parent=notice_index, title="置顶通知", pinned=True, publish_date=datetime.date(2026, 9, 1)
    )
    NoticePageFactory(
        parent=notice_index, title="停气通知", valid_until=datetime.date(2026, 11, 24)
    )
    NoticePageFactory(parent=notice_index, title="今天到期", valid_until=TODAY)
    response = client.get(notice_index.url)
    assert response.status_code == 200
    assert titles(response) == ["置顶通知", "新通知", "今天到期", "旧通知"]
    assert "停气通知" not in response.content.decode()


def test_expired_notices_stay_findable_through_show_all_and_show_expired(client, notice_index):
    NoticePageFactory(parent=notice_index, title="有效通知")
    NoticePageFactory(parent=notice_index, title="停气通知", valid_until=datetime.date(2026, 1, 31))
    assert set(titles(client.get(notice_index.url, {"show": "all"}))) == {"有效通知", "停气通知"}
    expired = client.get(notice_index.url, {"show": "expired"})
    assert titles(expired) == ["停气通知"]
    assert "已过期" in expired.content.decode()


def test_expired_notice_page_itself_still_renders_with_a_note(client, notice_index):
    notice = NoticePageFactory(parent=notice_index, valid_until=datetime.date(2026, 1, 31))
    html = client.get(notice.url).content.decode()
    assert "本通知已过期" in html


def test_search_still_finds_expired_notices(notice_index):
    NoticePageFactory(
        parent=notice_index, title="Vaccination drive", valid_until=datetime.date(2026, 1, 31)
    )
    results = NoticePage.objects.live().search("Vaccination")
    assert [page.title for page in results] == ["Vaccination drive"]


def test_filter_by_category(client, notice_index):
    NoticePageFactory(parent=notice_index, title="停水通知", category="outage")
    NoticePageFactory(parent=notice_index, title="培训通知", category="training")
    assert titles(client.get(notice_index.url, {"category": "outage"})) == ["停水通知"]


def test_filter_by_compound_lists_its_notices_and_the_community_wide_ones(client, notice_index):
    miaopu = CompoundFactory(slug="miaopu", name="苗圃小区")
    other = CompoundFactory(slug="binhe", name="滨河小区", community=miaopu.community)
    NoticePageFactory(
        parent=notice_index,
        title="苗圃停电",
        target_compounds=[miaopu],
        publish_date=datetime.date(2026, 11, 3),
    )
    NoticePageFactory(parent=notice_index, title="滨河停电", target_compounds=[other])
    NoticePageFactory(
        parent=notice_index, title="全社区通知", publish_date=datetime.date(2026, 11, 2)
    )
    NoticePageFactory(
        parent=notice_index,
        title="两个小区停水",
        target_compounds=[miaopu, other],
        publish_date=datetime.date(2026, 11, 1),
    )
    response = client.get(notice_index.url, {"compound": "miaopu"})
    # The community-wide notice applies to 苗圃 too; the one for both compounds is listed once.
    assert titles(response) == ["苗圃停电", "全社区通知", "两个小区停水"]
    assert response.context["notices"].paginator.count == 3
    html = response.content.decode()
    assert "苗圃小区" in html
    assert "苗圃小区的通知，以及同样适用于该小区的全社区通知。" in html
    assert html.count('<span class="label">全社区</span>') == 1


def test_filter_by_month(client, notice_index):
    NoticePageFactory(
        parent=notice_index, title="十月通知", publish_date=datetime.date(2026, 10, 9)
    )
    NoticePageFactory(
        parent=notice_index, title="十一月通知", publish_date=datetime.date(2026, 11, 2)
    )
    assert titles(client.get(notice_index.url, {"month": "2026-10"})) == ["十月通知"]
    assert titles(
        client.get(notice_index.url, {"month": "2026-11", "category": "announcement"})
    ) == ["十一月通知"]


@pytest.mark.parametrize(
    "typed", ["2026年10月", "10月", "十月", "2026/10", "２０２６年１０月", "上个月", "2026年 10 月"]
)
def test_filter_by_month_as_residents_type_it(client, notice_index, typed):
    NoticePageFactory(
        parent=notice_index, title="十月通知", publish_date=datetime.date(2026, 10, 9)
    )
    NoticePageFactory(
        parent=notice_index, title="十一月通知", publish_date=datetime.date(2026, 11, 2)
    )
    response = client.get(notice_index.url, {"month": typed})
    assert titles(response) == ["十月通知"]
    assert "部分筛选条件无法识别" not in response.content.decode()


def test_pagination_keeps_filters_and_handles_bad_page_numbers(client, notice_index):
    notice_index.per_page = 2
    notice_index.save_revision().publish()
    for day in range(1, 6):
        NoticePageFactory(
            parent=notice_index,
            title=f"培训{day}",
            category="training",
            publish_date=datetime.date(2026, 11, day),
        )
    NoticePageFactory(parent=notice_index, title="其他", category="other")
    first = client.get(notice_index.url, {"category": "training"})
    assert titles(first) == ["培训5", "培训4"]
    assert first.context["notices"].paginator.num_pages == 3
    assert "category=training&amp;page=2" in first.content.decode()
    assert titles(client.get(notice_index.url, {"category": "training", "page": "2"})) == [
        "培训3",
        "培训2",
    ]
    # Past the end gives the last page, rubbish gives the first: never an error.
    assert titles(client.get(notice_index.url, {"category": "training", "page": "99"})) == ["培训1"]
    assert titles(client.get(notice_index.url, {"category": "training", "page": "abc"})) == [
        "培训5",
        "培训4",
    ]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"category": "fireworks"}, "category"),
        ({"compound": "no-such-compound"}, "compound"),
        ({"month": "2026-13"}, "month"),
        ({"month": "next year"}, "month"),
        ({"month": "13月"}, "month"),
        ({"month": "2026-1-1' OR 1=1"}, "month"),
        ({"show": "everything"}, "show"),
    ],
)
def test_bad_filter_values_give_200_with_a_message_next_to_the_field(
    client, notice_index, params, field
):
    NoticePageFactory(parent=notice_index, title="有效通知")
    response = client.get(notice_index.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "部分筛选条件无法识别" in html
    assert f'id="id_{field}_errors"' in html
    assert f'aria-describedby="id_{field}_errors"' in html
    # The bad filter is left out, so the reader still sees the notices.
    assert titles(response) == ["有效通知"]


def test_bad_filter_message_is_localized_in_english(client, notice_index):
    translate(notice_index, title="Notices", slug="notices")
    response = client.get("/en/notices/", {"month": "13-2026"})
    assert response.status_code == 200
    assert "Enter a month, for example 2026年5月" in response.content.decode()


def test_good_and_bad_filters_together_apply_the_good_one(client, notice_index):
    NoticePageFactory(parent=notice_index, title="停水通知", category="outage")
    NoticePageFactory(parent=notice_index, title="培训通知", category="training")
    response = client.get(notice_index.url, {"category": "outage", "month": "nonsense"})
    assert titles(response) == ["停水通知"]


def test_each_locale_lists_its_own_notices(client, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="停水通知")
    translate(notice, title="Water outage", slug=notice.slug)
    zh = client.get(notice_index.url)
    en = client.get("/en/notices/")
    assert titles(zh) == ["停水通知"]
    assert titles(en) == ["Water outage"]
    assert '<html lang="en"' in en.content.decode()


def test_compound_filter_works_on_translated_notices_pointing_at_chinese_compounds(
    client, notice_index
):
    from home.demo_tools import ensure_snippet_translation

    miaopu = CompoundFactory(slug="miaopu", name="苗圃小区")
    ensure_snippet_translation(miaopu, english(), name="Miaopu")
    notice = NoticePageFactory(parent=notice_index, title="苗圃停电", target_compounds=[miaopu])
    translate(notice, title="Power cut at Miaopu", slug=notice.slug)
    response = client.get("/en/notices/", {"compound": "miaopu"})
    assert titles(response) == ["Power cut at Miaopu"]
    # Shown under its English name although the copy points at the Chinese snippet.
    assert "For:\n      Miaopu" in response.content.decode()


def test_home_page_shows_current_notices_pinned_first_within_its_count(
    client, home_page, notice_index
):
    home_page.notices_count = 3
    home_page.save_revision().publish()
    NoticePageFactory(parent=notice_index, title="一号", publish_date=datetime.date(2026, 11, 1))
    NoticePageFactory(parent=notice_index, title="二号", publish_date=datetime.date(2026, 11, 2))
    NoticePageFactory(parent=notice_index, title="三号", publish_date=datetime.date(2026, 11, 3))
    NoticePageFactory(
        parent=notice_index, title="置顶", pinned=True, publish_date=datetime.date(2026, 1, 1)
    )
    NoticePageFactory(
        parent=notice_index,
        title="停气",
        publish_date=datetime.date(2026, 11, 24),
        valid_until=datetime.date(2026, 11, 24),
    )
    NoticePageFactory(parent=notice_index, title="草稿", live=False)
    home_page.refresh_from_db()
    assert [n.title for n in latest_notices(home_page)] == ["置顶", "三号", "二号"]
    html = client.get("/").content.decode()
    assert "置顶" in html and "一号" not in html and "停气" not in html
    assert '<time datetime="2026-11-03">2026年11月3日</time>' in html
    assert "通知公告" in html  # the category label


def test_home_page_notices_are_those_of_its_locale(client, home_page, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="停水通知")
    translate(notice, title="Water outage", slug=notice.slug)
    en_home = home_page.get_translation(english())
    assert [n.title for n in latest_notices(en_home)] == ["Water outage"]
    assert [n.title for n in latest_notices(home_page)] == ["停水通知"]
    assert "Water outage" in client.get("/en/").content.decode()


def test_home_page_query_count_does_not_grow_with_notices(client, home_page, notice_index):
    for _ in range(3):
        NoticePageFactory(parent=notice_index)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(27):
        NoticePageFactory(parent=notice_index)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_page_tree_rules(home_page, notice_index):
    assert NoticeIndexPage.can_create_at(home_page) is False  # one per home page
    assert NoticePage.can_create_at(notice_index)
    assert not NoticePage.can_create_at(home_page)
    assert NoticeIndexPage.allowed_subpage_models() == [NoticePage]


def test_notices_per_page_must_be_at_least_one(notice_index):
    from django.core.exceptions import ValidationError

    notice_index.per_page = 0
    with pytest.raises(ValidationError) as excinfo:
        notice_index.full_clean()
    assert "per_page" in excinfo.value.message_dict
