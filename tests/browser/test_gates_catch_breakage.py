"""Each gate reports a deliberately broken page.

The broken pages are real pages of the live server with one defect added on the way to the
browser (Playwright's route: the server's own response and headers, CSP included, with one
snippet of HTML injected) or, for layout defects, one style changed after load.
"""

from urllib.parse import urlparse

import pytest

from . import gates


def serve_with(page, path, snippet):
    """Serve `path` as the live server renders it, with `snippet` added to <main>."""

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</main>", snippet + "</main>", 1)
        route.fulfill(response=response, body=body)

    page.route(lambda url: urlparse(url).path == path, inject)


@pytest.fixture
def site_page(home_page, open_site_page):
    return open_site_page(viewport={"width": 1280, "height": 900})


def test_clean_page_passes_every_gate(site_page):
    site_page.goto("/")
    assert gates.axe_violations(site_page) == []
    assert gates.touch_target_problems(site_page) == []
    assert gates.font_size_problems(site_page) == []
    assert gates.overflow_problems(site_page) == []
    site_page.problems.assert_clean()


def test_axe_reports_a_field_without_a_label(site_page):
    serve_with(site_page, "/", '<form action="/search/"><input type="text" name="q"></form>')
    site_page.goto("/")
    problems = gates.axe_violations(site_page)
    assert any(problem.startswith("label (critical)") for problem in problems)


def test_axe_reports_low_contrast(site_page):
    site_page.goto("/")
    site_page.evaluate(
        "() => { const p = document.createElement('p'); p.textContent = '浅色文字';"
        " p.style.color = '#bbbbbb'; document.querySelector('main').append(p); }"
    )
    assert any(p.startswith("color-contrast (serious)") for p in gates.axe_violations(site_page))


def test_touch_target_check_reports_a_30px_link_in_a_nav(site_page):
    serve_with(
        site_page,
        "/",
        '<nav aria-label="tiny"><a href="/" id="tiny">x</a></nav>',
    )
    site_page.goto("/")
    problems = gates.touch_target_problems(site_page)
    assert len(problems) == 1 and '"x"' in problems[0]
    height = site_page.evaluate("document.getElementById('tiny').getBoundingClientRect().height")
    assert height < gates.MIN_TARGET_PX


def test_touch_target_check_ignores_links_in_running_text(site_page):
    serve_with(site_page, "/", '<p>见 <a href="/">首页</a> 说明。</p>')
    site_page.goto("/")
    assert gates.touch_target_problems(site_page) == []


def test_font_size_check_reports_small_type(site_page):
    site_page.goto("/")
    site_page.evaluate("document.documentElement.style.fontSize = '14px'")
    problems = gates.font_size_problems(site_page)
    assert any(p.startswith("root font-size 14px") for p in problems)
    assert any(p.startswith("text below 16px") for p in problems)


def test_overflow_check_reports_a_too_wide_element(open_site_page, home_page):
    page = open_site_page(viewport=gates.NARROW_VIEWPORT)
    page.goto("/")
    assert gates.overflow_problems(page) == []
    page.evaluate(
        "() => { const d = document.createElement('div'); d.className = 'too-wide';"
        " d.style.width = '600px'; d.style.height = '10px';"
        " document.querySelector('main').append(d); }"
    )
    problems = gates.overflow_problems(page)
    assert problems[0].startswith("scrollWidth")
    assert any('class="too-wide"' in p for p in problems)


def test_split_word_check_reports_a_word_broken_in_a_table_cell(open_site_page, home_page):
    page = open_site_page(viewport=gates.NARROW_VIEWPORT)
    page.goto("/")
    # Styles through CSSOM: the site's CSP blocks style attributes.
    table = (
        "(wrap) => { const t = document.createElement('table');"
        " t.innerHTML = '<tr><th>Wednesday</th></tr>';"
        " t.style.width = '3em'; t.style.tableLayout = 'fixed';"
        " const th = t.querySelector('th'); th.style.width = '2em'; th.style.overflowWrap = wrap;"
        " document.querySelector('main').append(t); }"
    )
    page.evaluate(table, "normal")
    assert gates.split_word_problems(page) == []
    page.evaluate(table, "anywhere")
    problems = gates.split_word_problems(page)
    assert len(problems) == 1 and problems[0].startswith('"Wednesday" broken over')


def test_crawler_reports_a_missing_resource_as_failed_request_and_console_error(site_page):
    serve_with(site_page, "/", '<img src="/static/img/no-such-image.png" alt="">')
    site_page.goto("/")
    site_page.wait_for_load_state("load")
    problems = site_page.problems
    assert any("404" in r and "no-such-image" in r for r in problems.failed_requests)
    assert any("404" in message for message in problems.console_errors)
    with pytest.raises(AssertionError):
        problems.assert_clean()


def test_crawler_reports_a_script_error(site_page):
    site_page.goto("/")
    # Run as a page script would (an event handler), not as a Playwright evaluation.
    site_page.evaluate("setTimeout(() => { undefinedFunction(); }, 0)")
    site_page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="undefinedFunction"):
        site_page.problems.assert_clean()


def test_crawler_reports_a_broken_internal_link(site_page, live_server):
    serve_with(site_page, "/", '<p><a href="/no-such-page/">旧链接</a></p>')
    report = gates.crawl(site_page, live_server.url, ["/"])
    assert report.bad_pages == []
    assert report.broken_links == [f"{live_server.url}/no-such-page/ (404) linked from /"]


def test_csp_blocks_and_reports_an_inline_script(site_page):
    serve_with(site_page, "/", "<script>document.title = 'injected';</script>")
    site_page.goto("/")
    site_page.wait_for_load_state("load")
    assert site_page.title() != "injected"  # the policy blocked it
    violations = site_page.problems.csp_violations
    assert violations and "script-src" in violations[0]
    with pytest.raises(AssertionError, match="CSP violation"):
        site_page.problems.assert_clean()


def test_csp_reports_an_inline_style_attribute(site_page):
    serve_with(site_page, "/", '<p style="color: red">红字</p>')
    site_page.goto("/")
    site_page.wait_for_load_state("load")
    assert any("style-src" in v for v in site_page.problems.csp_violations)
