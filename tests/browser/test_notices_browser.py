"""Every page type of the notices app, in Chinese and English, in a real browser."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from home.demo_tools import ensure_snippet_translation, ensure_translation
from tests.factories.home import CompoundFactory
from tests.factories.notices import (
    CompoundIndexPageFactory,
    FollowUpItemFactory,
    JointMeetingIndexPageFactory,
    JointMeetingPageFactory,
    MeetingAttendeeFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    WorkLetterIndexPageFactory,
    WorkLetterItemFactory,
    WorkLetterPageFactory,
)


@pytest.fixture
def site_pages(home_page):
    en = Locale.objects.get(language_code="en")
    compound = CompoundFactory(slug="miaopu", name="苗圃小区")
    ensure_snippet_translation(compound, en, name="Miaopu")
    notices = NoticeIndexPageFactory(parent=home_page)
    notice = NoticePageFactory(
        parent=notices,
        title="苗圃小区停水通知",
        category="outage",
        pinned=True,
        target_compounds=[compound],
        publish_date=timezone.localdate(),
        body=[("key_facts", [{"label": "时间", "value": "8:00–20:00"}])],
    )
    compounds = CompoundIndexPageFactory(parent=home_page)
    letters = WorkLetterIndexPageFactory(parent=home_page)
    letter = WorkLetterPageFactory(
        parent=letters, title="本月物业工作提示函", month=timezone.localdate()
    )
    WorkLetterItemFactory(page=letter, area="safety", requirement="检查灭火器")
    meetings = JointMeetingIndexPageFactory(parent=home_page)
    meeting = JointMeetingPageFactory(
        parent=meetings, title="十月联席会议", meeting_date=datetime.date(2026, 10, 15)
    )
    MeetingAttendeeFactory(page=meeting)
    FollowUpItemFactory(page=meeting, compound=compound, description="更换门禁")
    pages = [notices, notice, compounds, letters, letter, meetings, meeting]
    for page in pages:
        ensure_translation(page, en, title=f"{page.title} (English)")
    return pages


PATHS = [
    ("/notices/", "有效通知", "Current notices"),
    (
        "/notices/?category=nonsense&month=2026-99",
        "部分筛选条件无法识别",
        "Some filters were not understood",
    ),
    ("/notices/{notice}/", "苗圃小区停水通知", "(English)"),
    ("/notices/{notice}/?print=1", "打印", "Print"),
    ("/compounds/", "苗圃小区", "Miaopu"),
    ("/compounds/miaopu/", "面向全社区的通知", "Notices for the whole community"),
    ("/work-letters/", "本月物业工作提示函", "(English)"),
    ("/work-letters/{letter}/", "检查灭火器", "Due date"),
    ("/joint-meetings/", "跟进事项督办", "Follow-up tracker"),
    ("/joint-meetings/{meeting}/", "更换门禁", "Attendees"),
    ("/joint-meetings/follow-ups/", "按状态统计", "Items by status"),
]


def test_every_notices_page_type_renders_cleanly_in_both_locales(browser_page, site_pages):
    slugs = {
        "notice": site_pages[1].slug,
        "letter": site_pages[4].slug,
        "meeting": site_pages[6].slug,
    }
    for path, zh_text, en_text in PATHS:
        path = path.format(**slugs)
        response = browser_page.goto(path)
        assert response.status == 200, path
        assert browser_page.locator("html").get_attribute("lang") == "zh-Hans"
        assert zh_text in browser_page.content(), path
        response = browser_page.goto("/en" + path)
        assert response.status == 200, "/en" + path
        assert browser_page.locator("html").get_attribute("lang") == "en"
        assert en_text in browser_page.content(), "/en" + path
    browser_page.problems.assert_clean()


def test_filter_form_is_keyboard_usable_and_reports_errors_next_to_fields(browser_page, site_pages):
    browser_page.goto("/notices/")
    browser_page.get_by_label("月份（例如 2026年5月）").fill("2026-13")
    browser_page.get_by_role("button", name="显示通知").press("Enter")
    browser_page.wait_for_url("**/notices/?*")
    month = browser_page.get_by_label("月份（例如 2026年5月）")
    assert month.get_attribute("aria-invalid") == "true"
    assert "请填写月份" in browser_page.locator("#id_month_errors").inner_text()
    browser_page.get_by_label("类别").select_option("outage")
    browser_page.get_by_label("月份（例如 2026年5月）").fill("")
    browser_page.get_by_role("button", name="显示通知").click()
    browser_page.wait_for_url("**category=outage**")
    expect(browser_page.get_by_role("link", name="苗圃小区停水通知")).to_be_visible()
    browser_page.problems.assert_clean()
