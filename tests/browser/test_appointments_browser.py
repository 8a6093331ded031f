"""Booking in Debian's Chromium: a family member books a home visit, with and without JavaScript."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories.home import CompoundFactory
from tests.factories.services import (
    ServiceIndexPageFactory,
    ServiceOfferingPageFactory,
    ServiceStationFactory,
    SlotFactory,
)


@pytest.fixture
def booking_data(home_page):
    index = ServiceIndexPageFactory(parent=home_page)
    offering = ServiceOfferingPageFactory(parent=index, title="社保验证", slug="social-security")
    compound = CompoundFactory(name="苗圃小区")
    station = ServiceStationFactory(
        name="苗圃小区党群服务站", compound=compound, offerings=[offering]
    )
    day = timezone.localdate() + datetime.timedelta(days=3)
    SlotFactory(
        station=station,
        mode="home",
        date=day,
        start_time=datetime.time(19),
        end_time=datetime.time(20, 30),
    )
    SlotFactory(
        station=station,
        mode="station",
        date=day,
        start_time=datetime.time(9),
        end_time=datetime.time(11),
    )
    return {"offering": offering, "compound": compound, "station": station}


def test_family_member_books_a_home_visit_reads_the_status_and_cancels(
    browser, browser_page, live_server, booking_data
):
    page = browser_page
    page.goto("/appointments/book/")
    page.get_by_label("社保验证").check()
    page.get_by_label("上门服务").check()
    page.get_by_role("button", name="下一步：选择时间").click()

    page.get_by_label(re.compile("苗圃小区党群服务站")).first.check()
    page.get_by_role("button", name="下一步：填写信息").click()

    page.get_by_label("您的姓名").fill("王小明")
    page.get_by_label("您的手机号码").fill("13812345678")
    # The second person's fields appear only once "for someone else" is chosen (booking.js).
    expect(page.get_by_label("接受服务的人的姓名")).not_to_be_visible()
    page.get_by_label("为他人预约，例如为父母预约").check()
    expect(page.get_by_label("接受服务的人的姓名")).to_be_visible()
    page.get_by_label("接受服务的人的姓名").fill("王大爷")
    page.get_by_label("您与对方的关系（选填）").fill("儿子")
    page.get_by_label("小区").select_option(label="苗圃小区")
    page.get_by_label("楼栋").fill("3")
    page.get_by_label("单元（如有）").fill("2")
    page.get_by_label("房号").fill("501")
    page.get_by_label("老年人（60 岁及以上）").check()
    page.get_by_label("听力不好（请慢慢说或写下来）").check()
    page.get_by_label("我同意服务站使用以上信息办理本次预约。").check()
    page.get_by_role("button", name="提交预约").click()

    expect(page.get_by_role("heading", name="预约已提交")).to_be_visible()
    reference = page.locator(".reference strong").inner_text()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", reference)
    expect(page.get_by_text("接下来会怎样")).to_be_visible()
    page.get_by_role("link", name="查看预约状态").click()
    expect(page.get_by_text("已提交").first).to_be_visible()
    page.problems.assert_clean()

    # Later, on another device: reference + last four digits, then cancel.
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    other = context.new_page()
    other.goto("/appointments/status/")
    other.get_by_label("预约号").fill(reference.lower())
    other.get_by_label("手机号码后四位").fill("5678")
    other.get_by_role("button", name="查询预约").click()
    expect(other.get_by_text("服务站已收到您的预约，会尽快确认。")).to_be_visible()
    other.get_by_role("link", name="取消这个预约").click()
    other.get_by_role("button", name="确认取消预约").click()
    expect(other.get_by_text("您的预约已取消。")).to_be_visible()
    expect(other.get_by_text("已取消").first).to_be_visible()
    context.close()

    from services.models import Appointment

    appointment = Appointment.objects.get()
    assert (appointment.requester_name, appointment.beneficiary_name, appointment.status) == (
        "王小明",
        "王大爷",
        "cancelled",
    )


def test_the_form_works_without_javascript(browser, live_server, booking_data):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="zh-CN"
    )
    page = context.new_page()
    page.goto("/appointments/book/")
    # Submitting nothing: errors next to the fields, in Chinese.
    page.get_by_role("button", name="下一步：选择时间").click()
    assert page.locator("#field-offering .errorlist").inner_text() == "请选择一项服务。"
    page.get_by_label("社保验证").check()
    page.get_by_label("到服务站办理").check()
    page.get_by_role("button", name="下一步：选择时间").click()
    page.get_by_label(re.compile("09:00–11:00")).check()
    page.get_by_role("button", name="下一步：填写信息").click()

    page.get_by_label("您的手机号码").fill("1381234")
    page.get_by_role("button", name="提交预约").click()
    assert "请填写您的姓名。" in page.locator("#field-requester_name").inner_text()
    assert "11 位手机号码" in page.locator("#field-requester_phone .errorlist").inner_text()
    assert page.get_by_label("您的手机号码").input_value() == "1381234"  # typed input kept

    # Back and forth keeps what was typed.
    page.get_by_role("button", name="上一步").click()
    page.get_by_role("button", name="下一步：填写信息").click()
    assert page.get_by_label("您的手机号码").input_value() == "1381234"

    page.get_by_label("您的姓名").fill("李阿姨")
    page.get_by_label("您的手机号码").fill("13987654321")
    page.get_by_label("我同意服务站使用以上信息办理本次预约。").check()
    page.get_by_role("button", name="提交预约").click()
    expect(page.get_by_role("heading", name="预约已提交")).to_be_visible()
    context.close()


def _tab_to(page, selector, limit=80):
    for _n in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def test_keyboard_only_booking(browser_page, booking_data):
    page = browser_page
    page.goto("/appointments/book/")
    _tab_to(page, "input[name=offering]")
    page.keyboard.press("Space")
    _tab_to(page, "input[name=mode]")
    page.keyboard.press("Space")  # first choice: at the station
    page.keyboard.press("Enter")
    page.wait_for_url("**/appointments/book/time/")
    _tab_to(page, "input[name=slot]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/appointments/book/details/")
    _tab_to(page, "input[name=requester_name]")
    page.keyboard.type("赵大姐")
    page.keyboard.press("Tab")
    page.keyboard.type("13711112222")
    _tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/appointments/book/done/")
    expect(page.get_by_role("heading", name="预约已提交")).to_be_visible()
    page.problems.assert_clean()
