"""Page slugs: short ASCII (pinyin) by default, YYYY-MM for a month's page, old URLs redirect."""

import datetime

import pytest
from django.conf import settings
from wagtail.contrib.redirects.models import Redirect

from home.slugs import pinyin_slug
from notices.models import NoticePage, WorkLetterPage
from rankings.models import RankingMonthPage
from tests.factories.notices import NoticeIndexPageFactory, WorkLetterIndexPageFactory
from tests.factories.rankings import RankingIndexPageFactory


@pytest.mark.parametrize(
    "title, slug",
    [
        ("江南社区物业管理有限公司", "jiangnan-shequ-wuyeguanli-youxiangongsi"),
        ("停水通知", "tingshuitongzhi"),
        ("Water outage notice", "water-outage-notice"),
        ("!!!", ""),
    ],
)
def test_pinyin_slug(title, slug):
    assert pinyin_slug(title) == slug


def test_pinyin_slug_is_short_and_cut_between_words():
    slug = pinyin_slug("回风亭社区业主委员会协会关于开展二〇二六年度业主大会筹备工作的通知")
    assert len(slug) <= 40
    assert slug.isascii()
    assert not slug.endswith("-")
    assert slug.startswith("hui-feng-ting-shequ-yezhu")


@pytest.fixture
def notice_index(home_page):
    return NoticeIndexPageFactory(parent=home_page)


def add_notice(parent, **fields):
    page = NoticePage(publish_date=datetime.date(2026, 11, 2), **fields)
    parent.add_child(instance=page)
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("given", ["", "停水通知"], ids=["empty", "chinese"])
def test_a_new_page_gets_a_pinyin_slug(notice_index, given):
    page = add_notice(notice_index, title="停水通知", slug=given or None)
    assert page.slug == "tingshuitongzhi"
    assert page.url.endswith("/notices/tingshuitongzhi/")


@pytest.mark.django_db
def test_same_title_twice_gets_a_numbered_slug(notice_index):
    add_notice(notice_index, title="停水通知", slug="停水通知")
    assert add_notice(notice_index, title="停水通知", slug="停水通知").slug == "tingshuitongzhi-2"


@pytest.mark.django_db
def test_a_draft_gets_an_ascii_slug_too(notice_index):
    page = NoticePage(title="停水通知", live=False, publish_date=datetime.date(2026, 11, 2))
    notice_index.add_child(instance=page)
    assert page.slug == "tingshuitongzhi"


@pytest.mark.django_db
def test_an_ascii_slug_the_editor_chose_is_kept(notice_index):
    assert add_notice(notice_index, title="停水通知", slug="water-off").slug == "water-off"


@pytest.mark.django_db
def test_month_pages_are_found_by_year_and_month(home_page, client):
    rankings = RankingIndexPageFactory(parent=home_page)
    # As the admin sends it: the slug copied from the Chinese title.
    month = RankingMonthPage(
        title="2026年11月考核排名", slug="2026年11月考核排名", month=datetime.date(2026, 11, 5)
    )
    rankings.add_child(instance=month)
    month.save_revision().publish()
    assert month.slug == "2026-11"
    assert client.get("/rankings/2026-11/").status_code == 200

    letters = WorkLetterIndexPageFactory(parent=home_page)
    letter = WorkLetterPage(
        title="十一月提示函", slug="shiyiyue-tishihan", month=datetime.date(2026, 11, 1)
    )
    letters.add_child(instance=letter)
    assert letter.slug == "2026-11"


@pytest.mark.django_db
def test_changing_a_published_slug_keeps_the_old_url_working(
    notice_index, client, django_capture_on_commit_callbacks
):
    assert settings.WAGTAILREDIRECTS_AUTO_CREATE
    page = add_notice(notice_index, title="停水通知")
    page.save_revision().publish()
    old_url = page.url
    page.slug = "water-off"
    # Wagtail announces the slug change once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert Redirect.objects.filter(redirect_page=page).exists()
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/notices/water-off/")
