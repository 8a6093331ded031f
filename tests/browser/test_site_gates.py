"""The quality gates over the whole demo site: every live page, both locales, the forms.

New page types and non-page views are covered as soon as their app's demo content loads:
the pages come from the page tree and the views from the URL configuration.
"""

import pprint

import pytest

from . import gates


def test_every_page_loads_cleanly_and_links_resolve(demo_site, open_site_page):
    page = open_site_page()
    # In Chromium: one page per page type and locale (of two communities), every routable
    # sub-route, form and parameterless view; what a page's template, scripts and styles do
    # does not change with its content. Every other live page is fetched over HTTP: it must
    # answer 200 and its links, images and other resources must resolve.
    paths = gates.pages_to_visit(demo_site.url, representative=True)
    every_page = gates.live_page_paths()
    assert "/" in every_page and "/en/" in every_page  # the tree is there in both locales
    form_problems = {}

    def check_forms(page, path):
        # Forms wherever the crawl meets them (booking forms live on routable sub-pages).
        if gates.has_form(page):
            problems = gates.axe_violations(page) + gates.touch_target_problems(page)
            if problems:
                form_problems[path] = problems

    report = gates.crawl(page, demo_site.url, paths, on_page=check_forms, fetch_only=every_page)

    assert report.bad_pages == []
    assert report.broken_links == []
    assert report.links_checked > 0
    assert set(every_page) <= set(report.visited)
    assert not form_problems, pprint.pformat(form_problems, width=200)
    page.problems.assert_clean()  # console errors, failed requests, CSP violations


@pytest.mark.parametrize("text_size", [None, "large"], ids=["normal-text", "large-text"])
def test_accessibility_and_elderly_rules_on_every_page_type(demo_site, open_site_page, text_size):
    desktop = open_site_page(text_size=text_size, viewport={"width": 1280, "height": 900})
    narrow = open_site_page(text_size=text_size, viewport=gates.NARROW_VIEWPORT)
    zoomed = open_site_page(
        text_size=text_size, viewport=gates.ZOOM_200_VIEWPORT, device_scale_factor=2
    )
    failures = {}
    paths = gates.pages_to_visit(demo_site.url, representative=True)
    # The city level and a second community's pages (in both languages) are judged too.
    assert {"/city/", "/en/city/", "/shuangyan/", "/en/shuangyan/"} <= set(paths)
    assert "/shuangyan/notices/" in paths and "/shuangyan/rankings/" in paths
    # ...and below a second community's home in English too (its footer is its own).
    assert "/en/shuangyan/notices/" in paths
    for path in paths:
        desktop.goto(path)
        problems = (
            gates.axe_violations(desktop)
            + gates.font_size_problems(desktop)
            + gates.touch_target_problems(desktop)
        )
        narrow.goto(path)
        problems += gates.axe_violations(narrow) + gates.touch_target_problems(narrow)
        # Fonts at 360 px as well: an SVG drawn for the desktop shrinks with the screen.
        problems += [f"360px: {p}" for p in gates.font_size_problems(narrow)]
        problems += [f"360px: {p}" for p in gates.overflow_problems(narrow)]
        problems += [f"360px: {p}" for p in gates.split_word_problems(narrow)]
        problems += [f"360px: {p}" for p in gates.narrow_text_problems(narrow)]
        problems += [f"360px: {p}" for p in gates.header_height_problems(narrow)]
        zoomed.goto(path)
        problems += [f"200% zoom: {p}" for p in gates.overflow_problems(zoomed)]
        if problems:
            failures[path] = problems
    assert not failures, pprint.pformat(failures, width=200)
    for page in (desktop, narrow, zoomed):
        page.problems.assert_clean()


def test_not_found_page_is_accessible(demo_site, open_site_page):
    page = open_site_page()
    response = page.goto("/no-such-page-here/")
    assert response.status == 404
    assert gates.axe_violations(page) == []
    assert gates.touch_target_problems(page) == []


def test_search_form_works_with_the_keyboard_alone(demo_site, open_site_page):
    page = open_site_page()
    page.goto("/")
    # Tab from the top of the page until the search box has the focus.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    page.keyboard.type("物业")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("h1").inner_text() == "搜索"
    page.problems.assert_clean()


def test_long_tables_fit_a_phone_page_height_budget(demo_site, open_site_page):
    """The monthly ranking and the follow-up tracker stay within their budgets at 360 px."""
    from notices.models import JointMeetingIndexPage
    from rankings.models import RankingMonthPage

    month = (
        RankingMonthPage.objects.live()
        .filter(locale__language_code="zh-hans", depth=4)
        .latest("month")
    )
    meetings = JointMeetingIndexPage.objects.live().get(locale__language_code="zh-hans")
    paths = {
        "ranking month": month.url,
        "follow-up tracker": meetings.url + meetings.reverse_subpage("follow_ups"),
    }
    page = open_site_page(viewport=gates.NARROW_VIEWPORT)
    failures = {}
    for name, path in paths.items():
        page.goto(path)
        problems = gates.page_height_problems(page, gates.PAGE_HEIGHT_BUDGETS_PX[name])
        problems += gates.narrow_text_problems(page)
        if problems:
            failures[path] = problems
    assert not failures, pprint.pformat(failures, width=200)
