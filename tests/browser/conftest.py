"""Playwright driving Debian's Chromium (/usr/bin/chromium); never a downloaded browser."""

import os
from pathlib import Path

import pytest

from . import gates

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
            instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield instance
            instance.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class PageProblems:
    """Console errors, failed requests and CSP violations seen while a test drove a page."""

    def __init__(self):
        self.console_errors = []
        self.failed_requests = []
        self.csp_violations = []

    @classmethod
    def attach(cls, page):
        problems = cls()
        page.on("console", problems.on_console)
        # Uncaught exceptions are page errors, not console messages.
        page.on("pageerror", lambda exc: problems.console_errors.append(f"uncaught {exc}"))
        page.on(
            "requestfailed",
            # A request the browser dropped because the test navigated on is not a failure.
            lambda req: (
                None
                if req.failure == "net::ERR_ABORTED"
                else problems.failed_requests.append(req.url)
            ),
        )
        page.on(
            "response",
            lambda resp: (
                problems.failed_requests.append(f"{resp.status} {resp.url}")
                if resp.status >= 400
                else None
            ),
        )
        return problems

    def on_console(self, message):
        if message.type != "error":
            return
        self.console_errors.append(message.text)
        if message.text.startswith(gates.CSP_CONSOLE_PREFIX):
            self.csp_violations.append(message.text)

    def assert_clean(self):
        assert not self.csp_violations, self.csp_violations
        assert not self.failed_requests, self.failed_requests
        assert not self.console_errors, self.console_errors


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    context.add_init_script(script=gates.CSP_LISTENER)
    page = context.new_page()
    page.problems = PageProblems.attach(page)
    yield page
    context.close()


@pytest.fixture
def open_site_page(browser, live_server):
    """Factory of pages with axe-core loaded: open_site_page(text_size="large", viewport=...)."""
    pages = []

    def factory(**options):
        page = gates.open_page(browser, live_server.url, PageProblems, **options)
        pages.append(page)
        return page

    yield factory
    for page in pages:
        page.context.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The full demo (every app's demo module) in the live server's database."""
    from tests.conftest import load_committed_demo

    load_committed_demo()
    return live_server
