"""Residents' reports in Debian's Chromium, with and without JavaScript, at 360 px and desktop.

A resident is offered the open report of the same compound and category first, files a
report of their own with a photo, gets a reference, checks the status, and later answers the
satisfaction question: "not fixed" reopens the case.
"""

import io
import pprint
import re

import pytest
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Locale

from tests.factories.home import CompoundFactory

from . import gates

VIEWPORTS = {"360px": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def report_data(home_page):
    from cases.models import Case, CaseCategory, Report

    compound = CompoundFactory(name="北路华府", slug="beilu-huafu")
    category = CaseCategory.objects.create(
        name="停车秩序", slug="browser-parking", sort_order=0, locale=Locale.get_default()
    )
    existing = Case.objects.create(compound=compound, category=category, title="地下车库入口被占")
    Report.objects.create(
        case=existing,
        compound=compound,
        category=category,
        description="入口被占",
        reporter_name="李四",
        reporter_mobile="13900001111",
    )
    return {"compound": compound, "category": category, "existing": existing}


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "IMG_0001.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 90, 90)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_resident_reports_checks_the_status_and_answers_the_survey(
    browser, live_server, report_data, photo, javascript, viewport, admin_user
):
    from cases.models import Report, SatisfactionSurvey

    from .conftest import PageProblems

    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        java_script_enabled=javascript,
        viewport=VIEWPORTS[viewport],
    )
    page = context.new_page()
    problems = PageProblems.attach(page)

    page.goto("/reports/")
    page.locator(f"input[name=category][value='{report_data['category'].pk}']").check()
    page.locator("select[name=compound]").select_option(str(report_data["compound"].pk))
    page.locator("main form button[type=submit]").first.click()

    # Step 2: the same problem is already open, offered before anything is typed.
    page.wait_for_url("**/reports/new/similar/")
    existing = report_data["existing"]
    expect(page.get_by_text(existing.public_number).first).to_be_visible()
    expect(page.locator(".similar-cases button[type=submit]").first).to_be_visible()
    page.locator(".form-actions a.button").click()

    page.wait_for_url("**/reports/new/details/")
    page.locator("textarea[name=description]").fill("车库入口的地锁坏了，车辆无法进出。")
    page.locator("input[name=location]").fill("2号门地下车库")
    page.locator("input[name=photos]").set_input_files(str(photo))
    page.locator("input[name=reporter_name]").fill("王秀英")
    page.locator("input[name=reporter_mobile]").fill("138 1234 5678")
    page.locator("input[name=reporting_for][value=other]").check()
    page.locator("input[name=relation]").fill("女儿")
    page.locator("input[name=wants_contact][value=yes]").check()
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(re.compile(r".*/reports/done/[2-9A-Z]{8}/$"))
    reference = page.locator(".reference strong").inner_text()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", reference)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.locator("main a.button").click()
    page.wait_for_url("**/reports/status/*/")
    expect(page.locator(".report-summary").get_by_text(reference)).to_be_visible()

    report = Report.objects.get(reference=reference.replace("-", ""))
    assert report.photos.count() == 1 and report.for_someone_else
    case = report.case
    assert case.pk != existing.pk

    # Staff handle it; later the resident looks it up on another device and is asked.
    case.accept(admin_user)
    case.route_to_firm(admin_user)
    case.resolve(admin_user, "已修复地锁。")
    survey = SatisfactionSurvey.objects.filter(report=report).first() or (
        SatisfactionSurvey.objects.create(case=case, report=report)
    )
    other = browser.new_context(
        base_url=live_server.url, locale="zh-CN", java_script_enabled=javascript
    ).new_page()
    other.goto("/reports/status/")
    other.locator("input[name=reference]").fill(reference.lower())
    other.locator("input[name=mobile_last_four]").fill("5678")
    other.locator("main form button[type=submit]").first.click()
    other.wait_for_url("**/reports/status/*/")
    other.locator(f"a[href$='/reports/survey/{survey.token}/']").click()
    other.locator("input[name=fixed][value=no]").check()
    other.locator("input[name=score][value='2']").check()
    other.locator("textarea[name=comment]").fill("晚上还是打不开")
    other.locator("main form button[type=submit]").first.click()
    expect(other.get_by_role("heading", name="感谢您的回复")).to_be_visible()
    other.context.close()

    case.refresh_from_db()
    assert case.status != "resolved" and case.reopened_count == 1
    problems.assert_clean()
    context.close()


def test_me_too_instead_of_a_duplicate(browser_page, report_data):
    from cases.models import CaseSupport

    page = browser_page
    page.goto("/en/reports/")
    page.locator(f"input[name=category][value='{report_data['category'].pk}']").check()
    page.locator("select[name=compound]").select_option(str(report_data["compound"].pk))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/en/reports/new/similar/")
    page.get_by_role("button", name="I have this problem too").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert CaseSupport.objects.filter(case=report_data["existing"]).count() == 1
    page.problems.assert_clean()


def gate_problems(page, width):
    """The site gates (tests/browser/gates.py) on the page as it is, at `width` CSS px."""
    page.set_viewport_size({"width": width, "height": 740 if width <= 360 else 900})
    problems = (
        gates.axe_violations(page)
        + gates.font_size_problems(page)
        + gates.touch_target_problems(page)
    )
    if width <= 360:
        problems += gates.overflow_problems(page)
        problems += gates.split_word_problems(page)
        problems += gates.narrow_text_problems(page)
        problems += gates.header_height_problems(page)
    return [f"{width}px: {problem}" for problem in problems]


@pytest.mark.parametrize(
    ("prefix", "text_size"), [("", None), ("/en", "large")], ids=["zh-normal-text", "en-large-text"]
)
def test_every_step_of_a_report_passes_the_accessibility_and_elderly_gates(
    open_site_page, report_data, photo, admin_user, prefix, text_size
):
    """The pages a resident meets only with a report in hand (the crawl of test_site_gates
    cannot reach them): each form step, also with its errors shown, the reference, the status
    page with the case's history, the survey and its answer, at 360 px and on the desktop."""
    from cases.models import Report, SatisfactionSurvey

    page = open_site_page(text_size=text_size, viewport=gates.NARROW_VIEWPORT)
    failures = {}

    def check(name):
        assert page.locator("html").get_attribute("lang") == ("en" if prefix else "zh-Hans")
        problems = gate_problems(page, 360) + gate_problems(page, 1280)
        if problems:
            failures[name] = problems

    page.goto(f"{prefix}/reports/")
    page.locator("main form button[type=submit]").first.click()  # nothing chosen
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() >= 1
    check("step 1 with errors")
    page.locator(f"input[name=category][value='{report_data['category'].pk}']").check()
    page.locator("select[name=compound]").select_option(str(report_data["compound"].pk))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/reports/new/similar/")
    check("step 2: open reports of the same kind")
    page.locator(".form-actions a.button").click()
    page.wait_for_url("**/reports/new/details/")
    check("step 3: details")
    page.locator("textarea[name=description]").fill("楼道灯坏了一个星期，晚上看不见台阶。")
    page.locator("input[name=photos]").set_input_files(str(photo))
    page.locator("input[name=reporter_name]").fill("王秀英")
    page.locator("input[name=location]").fill("3栋2单元")
    page.locator("input[name=reporter_mobile]").fill("1381234")  # too short
    page.locator("input[name=reporting_for][value=self]").check()
    page.locator("input[name=wants_contact][value=no]").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("input[name=reporter_mobile]").get_attribute("aria-invalid") == "true"
    check("step 3 with errors")
    page.locator("input[name=reporter_mobile]").fill("13812345678")
    page.locator("input[name=photos]").set_input_files(str(photo))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/reports/done/[2-9A-Z]{8}/$"))
    check("reference")

    report = Report.objects.get(reference=page.url.rstrip("/").rsplit("/", 1)[1])
    case = report.case
    case.accept(admin_user)
    case.route_to_firm(admin_user)
    case.resolve(admin_user, "已更换楼道灯。")
    survey = SatisfactionSurvey.objects.get(report=report)
    page.goto(f"{prefix}/reports/status/{report.reference}/")
    expect(page.get_by_text("已更换楼道灯。").first).to_be_visible()
    check("status page with history")
    page.goto(f"{prefix}/reports/survey/{survey.token}/")
    check("survey")
    page.locator("input[name=fixed][value=yes]").check()
    page.locator("input[name=score][value='5']").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    survey.refresh_from_db()
    assert survey.is_answered
    check("survey answered")

    assert not failures, pprint.pformat(failures, width=200)
    page.problems.assert_clean()
