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


def test_crawler_fetches_the_other_pages_and_checks_their_links_and_resources(
    site_page, live_server
):
    report = gates.crawl(site_page, live_server.url, [], fetch_only=["/no-such-page/"])
    assert report.bad_pages == ["/no-such-page/: 404"]
    html = (
        '<a href="/a/#top">a</a><a href="https://example.org/">away</a>'
        '<img src="/media/x.png" srcset="/media/x-400.webp 400w, /media/x-800.webp 800w">'
        '<link rel="stylesheet" href="/static/site.css"><script src="../app.js"></script>'
    )
    base = "http://testserver"
    assert gates.links_in_html(html, f"{base}/notices/", base) == [
        f"{base}/a/",
        f"{base}/media/x.png",
        f"{base}/media/x-400.webp",
        f"{base}/media/x-800.webp",
        f"{base}/static/site.css",
        f"{base}/app.js",
    ]


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


def test_touch_target_check_reports_a_small_stand_alone_link_in_a_list(site_page):
    serve_with(
        site_page,
        "/",
        '<ul><li><a href="/" id="headline">江南物业</a></li><li>见 <a href="/">首页</a></li></ul>',
    )
    site_page.goto("/")
    assert gates.touch_target_problems(site_page) == []  # the site's CSS sizes the headline
    # As on main before: a list's headline link only as tall as its line.
    site_page.evaluate("document.getElementById('headline').style.display = 'inline'")
    problems = gates.touch_target_problems(site_page)
    # The link that starts its item is a target; the one inside the item's sentence is exempt.
    assert len(problems) == 1 and '"江南物业"' in problems[0]


def test_narrow_text_check_reports_a_chinese_name_squeezed_in_a_table_cell(
    open_site_page, home_page
):
    page = open_site_page(viewport=gates.NARROW_VIEWPORT)
    page.goto("/")
    table = (
        "(width) => { const t = document.createElement('table'); t.id = 'firms';"
        " t.innerHTML = '<tr><th>江南社区物业管理有限公司</th></tr>';"
        " t.style.width = width; t.style.tableLayout = 'fixed';"
        " document.querySelector('main').append(t); }"
    )
    page.evaluate(table, "100%")
    assert gates.narrow_text_problems(page) == []
    page.evaluate("document.getElementById('firms').remove()")
    page.evaluate(table, "2em")  # one character per line, as the month table was
    problems = gates.narrow_text_problems(page)
    assert len(problems) == 1 and "江南社区物业" in problems[0]


def test_header_height_check_reports_the_expanded_menu(open_site_page, home_page):
    for text_size in (None, "large"):
        page = open_site_page(text_size=text_size, viewport=gates.NARROW_VIEWPORT)
        page.goto("/")
        assert gates.header_height_problems(page) == []
        # The header as it was: every menu item shown at once.
        page.evaluate("document.querySelector('.menu-toggle').open = true")
        problems = gates.header_height_problems(page)
        assert len(problems) == 1 and problems[0].startswith("header ")


def test_page_height_check_reports_a_page_over_budget(open_site_page, home_page):
    page = open_site_page(viewport=gates.NARROW_VIEWPORT)
    page.goto("/")
    assert gates.page_height_problems(page, 8_000) == []
    page.evaluate(
        "() => { const d = document.createElement('div'); d.style.height = '9000px';"
        " document.querySelector('main').append(d); }"
    )
    problems = gates.page_height_problems(page, 8_000)
    assert len(problems) == 1 and problems[0].endswith("> budget 8000px")


def test_font_size_check_reports_svg_labels_shrunk_on_a_phone(open_site_page, home_page):
    svg = (
        '<svg viewBox="0 0 720 100" width="100%" role="img" aria-label="chart">'
        '<text x="10" y="50" font-size="26">2026-10</text></svg>'
    )
    desktop = open_site_page(viewport={"width": 1280, "height": 900})
    serve_with(desktop, "/", svg)
    desktop.goto("/")
    assert gates.font_size_problems(desktop) == []
    narrow = open_site_page(viewport=gates.NARROW_VIEWPORT)
    serve_with(narrow, "/", svg)
    narrow.goto("/")
    problems = gates.font_size_problems(narrow)
    assert any("2026-10" in p for p in problems)
