"""The monthly ranking page and a firm profile in both languages, in a real browser."""

from playwright.sync_api import expect
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from tests.rankings.fixtures import *  # noqa: F403 (fixtures)


def test_ranking_page_and_profile_in_both_languages(browser_page, two_months, index_page):
    _september, october = two_months
    en = Locale.objects.get(language_code="en")
    october_en = ensure_translation(october, en, title="October 2026 ranking")
    page = browser_page

    page.goto(october.url)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    table = page.get_by_role("table", name="2026-10物业公司履约考核")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == 5  # the unassessed firm is not ranked
    first_row = table.locator("tbody tr").first
    assert first_row.locator("td").first.inner_text() == "1"
    assert "表彰" in first_row.inner_text()
    # The label is text, not colour alone.
    assert table.get_by_text("淘汰建议").count() == 2
    expect(page.get_by_role("heading", name="本月未参加考核")).to_be_visible()
    expect(page.get_by_role("heading", name="排名规则")).to_be_visible()

    page.get_by_role("link", name="物业002").first.click()
    page.wait_for_url("**/firms/firm002/")
    assert page.get_by_role("heading", level=1).inner_text() == "履约档案：物业002"
    chart = page.get_by_role("img", name="各月总分")
    expect(chart).to_be_visible()
    assert page.get_by_role("table", name="各月总分、名次与结果").locator("tbody tr").count() == 2

    page.goto(october_en.url)
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("columnheader", name="Public cleaning (30.0)")).to_be_visible()
    expect(page.get_by_role("heading", name="How the ranking works")).to_be_visible()
    page.goto("/en" + index_page.url + "firms/firm002/")
    assert "Performance record" in page.get_by_role("heading", level=1).inner_text()
    expect(page.get_by_role("img", name="Total score by month")).to_be_visible()

    page.problems.assert_clean()
