import pytest

from search import registry
from search.registry import SearchModel, SearchType
from tests.search.conftest import publish_notice


@pytest.fixture
def notice_pages(home_page):
    saved = list(registry._registry)
    registry._registry[:] = [
        SearchType("notices", "Notices", (SearchModel("search_fixtures.FixtureNoticePage"),))
    ]
    publish_notice(home_page, "rules", "物业管理服务细则", "物业服务费按月收取。")
    publish_notice(home_page, "lift", "电梯加装公示", "业主筹资加装电梯。")
    yield
    registry._registry[:] = saved


def test_autocomplete_suggests_titles_and_the_form_submits(browser_page, notice_pages):
    browser_page.goto("/search/")
    box = browser_page.locator("#id_q")
    box.press_sequentially("物业管")
    option = browser_page.locator('#search-suggestions option[value="物业管理服务细则"]')
    option.wait_for(state="attached", timeout=5000)
    box.press("Enter")
    browser_page.wait_for_url("**/search/?q=*")
    assert browser_page.locator(".search-hit h3 a").first.inner_text() == "物业管理服务细则"
    assert browser_page.locator(".search-hit mark").count() >= 1
    browser_page.problems.assert_clean()


def test_search_works_without_javascript(browser, live_server, notice_pages):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search/")
    page.locator("#id_q").fill("电梯")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-hit h3 a").first.inner_text() == "电梯加装公示"
    context.close()
