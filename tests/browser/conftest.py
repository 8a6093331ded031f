"""Playwright driving Debian's Chromium (/usr/bin/chromium); never a downloaded browser."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("HEMEI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("HEMEI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package.")
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium).")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by
    # fixtures in the same thread are still synchronous.
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            yield instance
            instance.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class PageProblems:
    """Console errors and failed requests seen while a test drove a page."""

    def __init__(self):
        self.console_errors = []
        self.failed_requests = []

    def assert_clean(self):
        assert not self.console_errors, self.console_errors
        assert not self.failed_requests, self.failed_requests


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    problems = PageProblems()
    page.on(
        "console",
        lambda msg: problems.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("requestfailed", lambda req: problems.failed_requests.append(req.url))
    page.on(
        "response",
        lambda resp: problems.failed_requests.append(f"{resp.status} {resp.url}")
        if resp.status >= 400
        else None,
    )
    page.problems = problems
    yield page
    context.close()
