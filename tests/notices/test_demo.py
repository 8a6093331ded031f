"""The notices part of `load_demo`: realistic, complete, in both languages.

Idempotency is tested once for every app: tests/home/test_load_demo.py.
"""

import pytest

from home.models import Compound
from notices.models import (
    FollowUpItem,
    FollowUpStatus,
    JointMeetingPage,
    NoticeCategory,
    NoticePage,
    WorkLetterPage,
)

pytestmark = pytest.mark.django_db


def zh(model):
    return model.objects.filter(locale__language_code="zh-hans")


def test_notices_cover_every_category_with_pinned_expired_and_targeted_ones(demo):
    notices = zh(NoticePage).live()
    assert notices.count() >= 20
    assert set(notices.values_list("category", flat=True)) == set(NoticeCategory.values)
    assert notices.filter(pinned=True).exists()
    assert notices.expired().exists() and notices.current().exists()
    guihua_yuan = zh(Compound).get(slug="guihua-yuan")
    assert notices.for_compound(guihua_yuan).filter(title__contains="疫苗").exists()
    # The full-coverage story (43 households, 190+ residents) is 宇众傲城's.
    yuzhong_aocheng = zh(Compound).get(slug="yuzhong-aocheng")
    assert notices.for_compound(yuzhong_aocheng).filter(title__contains="应接尽接").exists()
    assert notices.filter(title__contains="云影香山", category="election").exists()
    assert NoticePage.objects.filter(locale__language_code="en").live().count() >= 3


def test_letters_and_meetings(demo):
    letters = zh(WorkLetterPage).live()
    assert letters.count() == 6
    assert len({letter.month for letter in letters}) == 6
    assert all(len(letter.items_by_area()) >= 3 for letter in letters)
    meetings = zh(JointMeetingPage).live()
    assert meetings.count() == 6
    items = FollowUpItem.objects.filter(page__in=meetings)
    assert set(items.values_list("status", flat=True)) == set(FollowUpStatus.values)
    parking = items.get(description__contains="桂花街两处停车场")
    assert parking.status == "resolved" and "300余个" in parking.progress_note


def test_demo_pages_render_in_both_languages(client, demo):
    for url in (
        "/",
        "/notices/",
        "/compounds/",
        "/compounds/yunying-xiangshan/",
        "/work-letters/",
        "/joint-meetings/",
        "/joint-meetings/follow-ups/",
        "/en/",
        "/en/notices/",
        "/en/compounds/",
        "/en/compounds/yunying-xiangshan/",
        "/en/work-letters/",
        "/en/joint-meetings/",
        "/en/joint-meetings/follow-ups/",
    ):
        assert client.get(url).status_code == 200, url
    html = client.get("/compounds/guangdian-huayuan/").content.decode()
    assert "加装电梯" in html  # notice and open follow-up about the lift
    assert "Guihua Street" in client.get("/en/notices/").content.decode()
