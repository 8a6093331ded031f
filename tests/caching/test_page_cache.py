"""The anonymous page cache: hits, bypasses and invalidation on publish."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from caching import keys
from caching.middleware import STATUS_HEADER, AnonymousPageCacheMiddleware
from home.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.HEMEI_PAGE_CACHE = True
    cache.clear()
    keys.local.forget()
    yield
    cache.clear()
    keys.local.forget()


def publish_title(page, title):
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    page.save_revision().publish()


def test_second_anonymous_visit_is_served_from_the_cache_without_sql(client, home_page):
    first = client.get("/")
    assert first[STATUS_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_cached_pages_carry_cache_control_and_an_etag(client, home_page):
    response = client.get("/")
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    etag = response["ETag"]
    hit = client.get("/")
    assert hit["ETag"] == etag
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_publishing_a_page_empties_the_cache(client, home_page):
    client.get("/")
    publish_title(home_page, "回风亭社区（新）")
    response = client.get("/")
    assert response[STATUS_HEADER] == "miss"
    assert "回风亭社区（新）" in response.content.decode()


def test_a_draft_does_not_reach_readers_and_keeps_the_cache(client, home_page):
    client.get("/")
    page = Page.objects.get(pk=home_page.pk).specific
    page.title = "草稿标题"
    page.save_revision()  # a draft, not published
    response = client.get("/")
    assert response[STATUS_HEADER] == "hit"
    assert "草稿标题" not in response.content.decode()


def test_unpublishing_a_child_page_removes_it_from_cached_pages(client, home_page):
    child = home_page.add_child(
        instance=HomePage(title="临时栏目", slug="temp", show_in_menus=True)
    )
    child.save_revision().publish()
    assert "临时栏目" in client.get("/").content.decode()  # in the main navigation
    assert client.get("/temp/").status_code == 200
    child.unpublish()
    assert "临时栏目" not in client.get("/").content.decode()
    assert client.get("/temp/").status_code == 404


def test_a_snippet_or_setting_save_empties_the_cache(client, home_page):
    client.get("/")
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.hotline = "0827-1234567"
    contact.save()
    assert "0827-1234567" in client.get("/").content.decode()


def test_making_a_page_private_retires_it_from_the_cache_and_the_menu(client, home_page):
    from wagtail.models import PageViewRestriction

    child = home_page.add_child(
        instance=HomePage(title="内部栏目", slug="inside", show_in_menus=True)
    )
    child.save_revision().publish()
    assert "内部栏目" in client.get("/").content.decode()
    assert client.get("/inside/").status_code == 200
    PageViewRestriction.objects.create(page=child, restriction_type="login")
    assert "内部栏目" not in client.get("/").content.decode()
    assert client.get("/inside/").status_code == 302  # to the sign-in page


def test_languages_and_text_sizes_are_cached_apart(client, home_page):
    assert client.get("/")[STATUS_HEADER] == "miss"
    assert client.get("/en/")[STATUS_HEADER] == "miss"
    client.cookies[settings.TEXT_SIZE_COOKIE] = "large"
    large = client.get("/")
    assert large[STATUS_HEADER] == "miss"
    assert 'class="text-large"' in large.content.decode()
    assert client.get("/")[STATUS_HEADER] == "hit"


def test_signed_in_users_bypass_the_cache_and_get_private_pages(client, home_page, admin_user):
    client.get("/")
    client.force_login(admin_user)
    response = client.get("/")
    assert STATUS_HEADER not in response
    assert "private" in response["Cache-Control"]


def test_admin_and_search_pages(client, home_page):
    assert STATUS_HEADER not in client.get("/admin/login/")
    client.get("/search/?q=物业")
    assert client.get("/search/?q=物业")[STATUS_HEADER] == "hit"
    assert client.get("/search/?q=社区")[STATUS_HEADER] == "miss"


def test_the_cache_can_be_switched_off(client, home_page, settings):
    settings.HEMEI_PAGE_CACHE = False
    client.get("/")
    assert STATUS_HEADER not in client.get("/")


# The middleware's rules, checked on responses built by hand rather than by a page.


def run_middleware(response, method="get", cookies=None):
    request = getattr(RequestFactory(), method)("/some-page/")
    request.COOKIES.update(cookies or {})
    middleware = AnonymousPageCacheMiddleware(lambda req: response)
    return middleware(request)


def fresh_response(**headers):
    response = HttpResponse("<p>page</p>")
    for name, value in headers.items():
        response[name] = value
    return response


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: HttpResponse("gone", status=404),
        lambda: HttpResponse("moved", status=302),
        lambda: fresh_response(**{"Cache-Control": "private"}),
        lambda: fresh_response(**{"Cache-Control": "no-store"}),
        lambda: fresh_response(**{"Cache-Control": "no-cache"}),
    ],
    ids=["404", "302", "private", "no-store", "no-cache"],
)
def test_uncacheable_responses_are_not_stored(make_response):
    assert STATUS_HEADER not in run_middleware(make_response())
    # Nothing was stored: the same URL with a cacheable response is a miss, not a hit.
    assert run_middleware(fresh_response())[STATUS_HEADER] == "miss"


def test_responses_that_set_a_cookie_are_not_stored():
    response = fresh_response()
    response.set_cookie("csrftoken", "abc")
    assert STATUS_HEADER not in run_middleware(response)


def test_posts_are_never_cached():
    assert STATUS_HEADER not in run_middleware(fresh_response(), method="post")


def test_requests_with_a_session_are_never_cached():
    response = run_middleware(fresh_response(), cookies={settings.SESSION_COOKIE_NAME: "x"})
    assert STATUS_HEADER not in response
    assert "private" in response["Cache-Control"]


def test_a_page_rendered_while_something_was_published_is_not_served_later():
    from caching.keys import bump_generation

    def render_during_a_publish(request):
        bump_generation()  # an editor publishes while this page renders
        return fresh_response()

    request = RequestFactory().get("/racing/")
    AnonymousPageCacheMiddleware(render_during_a_publish)(request)
    middleware = AnonymousPageCacheMiddleware(lambda req: fresh_response())
    again = middleware(RequestFactory().get("/racing/"))
    assert again[STATUS_HEADER] == "miss"


def test_other_processes_see_a_publish_within_the_local_seconds(
    client, home_page, settings, monkeypatch
):
    """Another worker's publish bumps only the shared generation; this one re-reads it."""
    now = [1000.0]
    monkeypatch.setattr(keys, "time", SimpleNamespace(monotonic=lambda: now[0]))
    settings.HEMEI_PAGE_CACHE_LOCAL_SECONDS = 1
    client.get("/")
    assert client.get("/")[STATUS_HEADER] == "hit"
    cache.incr(keys.GENERATION_KEY)  # as keys.bump_generation() in another process
    assert client.get("/")[STATUS_HEADER] == "hit"  # still within the local second
    now[0] += 1.5
    assert client.get("/")[STATUS_HEADER] == "miss"


def test_without_the_local_copy_every_hit_reads_the_shared_cache(client, home_page, settings):
    settings.HEMEI_PAGE_CACHE_LOCAL_SECONDS = 0
    client.get("/")
    assert client.get("/")[STATUS_HEADER] == "hit"
    cache.incr(keys.GENERATION_KEY)
    assert client.get("/")[STATUS_HEADER] == "miss"
