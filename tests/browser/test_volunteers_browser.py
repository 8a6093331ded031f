"""A resident signs up for a volunteer event, downloads its calendar file, then cancels."""

from icalendar import Calendar
from playwright.sync_api import expect

from services.models import VolunteerSignup
from tests.factories.volunteering import (
    VolunteerEventIndexPageFactory,
    VolunteerEventPageFactory,
    VolunteerTeamPageFactory,
)


def make_event(home_page, **fields):
    team = VolunteerTeamPageFactory(parent=home_page)
    index = VolunteerEventIndexPageFactory(parent=team)
    return VolunteerEventPageFactory(parent=index, title="苗圃小区义诊", **fields)


def test_sign_up_and_download_the_calendar_file(browser_page, home_page, tmp_path):
    event = make_event(home_page, capacity=1)
    page = browser_page
    page.goto(event.url)

    # A wrong number is explained next to the field and the name is kept.
    page.get_by_role("textbox", name="您的姓名").fill("张秀英")
    page.get_by_role("textbox", name="手机号码").fill("12345")
    page.get_by_role("button", name="我要报名").click()
    expect(page.locator("#id_mobile_error")).to_be_visible()
    assert page.get_by_role("textbox", name="您的姓名").input_value() == "张秀英"

    page.get_by_role("textbox", name="手机号码").fill("13812345678")
    page.get_by_label("我同意组织方为本次活动保存我的姓名和手机号码。").check()
    page.get_by_role("button", name="我要报名").click()
    page.wait_for_url("**/volunteering/signups/**")
    expect(page.get_by_text("您已报名成功")).to_be_visible()
    signup = VolunteerSignup.objects.get()
    assert signup.status == VolunteerSignup.Status.CONFIRMED

    with page.expect_download() as download_info:
        page.get_by_role("link", name="加入我的日历（.ics）").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    [component] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(component["summary"]).startswith("苗圃小区义诊")
    assert component.decoded("dtstart") == event.starts_at

    # The next person waits; when the first cancels, the place moves up.
    page.goto(event.url)
    expect(page.get_by_role("button", name="报名候补")).to_be_visible()
    page.get_by_role("textbox", name="您的姓名").fill("李建国")
    page.get_by_role("textbox", name="手机号码").fill("13900000000")
    page.get_by_label("我同意组织方为本次活动保存我的姓名和手机号码。").check()
    page.get_by_role("button", name="报名候补").click()
    page.wait_for_url("**/volunteering/signups/**")
    expect(page.get_by_text("您是第1位候补")).to_be_visible()

    page.goto(signup.get_absolute_url())
    page.get_by_role("button", name="取消我的报名").click()
    expect(page.get_by_text("您的报名已取消")).to_be_visible()
    assert VolunteerSignup.objects.get(mobile="13900000000").status == "confirmed"
    page.problems.assert_clean()
