"""The home page in a real browser."""

from playwright.sync_api import expect


def test_home_page_in_both_locales_has_no_console_errors(browser_page, home_page):
    browser_page.goto("/")
    assert browser_page.locator("html").get_attribute("lang") == "zh-Hans"
    expect(browser_page.get_by_role("link", name="大字版")).to_be_visible()
    browser_page.goto("/en/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    browser_page.problems.assert_clean()


def test_large_text_toggle_without_javascript(browser, live_server, home_page):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert base >= 18
    page.get_by_role("link", name="大字版").click()
    page.wait_for_url(f"{live_server.url}/")
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large > base
    page.goto("/en/")  # the choice persists across pages
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == large
    context.close()
