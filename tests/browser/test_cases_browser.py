"""Residents' reports in Debian's Chromium, with and without JavaScript, at 360 px and desktop.

A resident is offered the open report of the same compound and category first, files a
report of their own with a photo, gets a reference, checks the status, and later answers the
satisfaction question: "not fixed" reopens the case.
"""

import io
import re

import pytest
from PIL import Image
from wagtail.models import Locale

from tests.factories.home import CompoundFactory

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
    assert page.get_by_text(existing.public_number).first.is_visible()
    assert page.locator(".similar-cases button[type=submit]").first.is_visible()
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
    assert page.locator(".report-summary").get_by_text(reference).is_visible()

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
    assert other.locator("h1").is_visible()
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
    assert page.get_by_role("heading", name="Thank you").is_visible()
    assert CaseSupport.objects.filter(case=report_data["existing"]).count() == 1
    page.problems.assert_clean()
