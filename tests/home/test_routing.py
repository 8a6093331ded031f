"""Routes remembered per content generation (home/routing.py) serve what Wagtail would."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories.notices import NoticeIndexPageFactory, NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(home_page):
    index = NoticeIndexPageFactory(parent=home_page)
    return NoticePageFactory(parent=index, title="停水通知", slug="water")


def statements(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries]


def test_a_remembered_route_skips_the_tree_walk_and_the_restriction_check(client, notice):
    first = statements(client, notice.url)
    # Wagtail's walk: a child by slug per level; its check: the ancestors' restrictions.
    assert any('"wagtailcore_page"."slug" =' in sql for sql in first)
    assert any('FROM "wagtailcore_pageviewrestriction"' in sql for sql in first)
    again = statements(client, notice.url)
    assert not any('"wagtailcore_page"."slug" =' in sql for sql in again), again
    assert not any('FROM "wagtailcore_pageviewrestriction"' in sql for sql in again), again
    assert len(again) < len(first)


def test_the_page_is_served_as_before(client, notice):
    first = client.get(notice.url).content
    second = client.get(notice.url).content
    assert first == second
    assert "停水通知" in second.decode()


def test_a_slug_saved_without_publishing_is_not_served_at_the_old_address(client, notice):
    old_url = notice.url
    assert client.get(old_url).status_code == 200
    notice.slug = "water-cut"
    notice.save()  # no publish: the generation stands, the remembered route is stale
    assert client.get(old_url).status_code == 404
    assert client.get(old_url.replace("water", "water-cut")).status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, notice):
    assert client.get(notice.url).status_code == 200
    notice.live = False
    notice.save()  # not even through unpublish(): the page's own row says it is not live
    assert client.get(notice.url).status_code == 404


def test_a_page_made_private_asks_for_a_login(client, notice):
    assert client.get(notice.url).status_code == 200
    PageViewRestriction.objects.create(page=notice.get_parent(), restriction_type="login")
    response = client.get(notice.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unknown_address_is_not_remembered(client, notice):
    keys_before = set(cache._cache.keys()) if hasattr(cache, "_cache") else None
    assert client.get(notice.url + "no-such-page/").status_code == 404
    if keys_before is not None:
        added = {key for key in cache._cache.keys() if "route" in key} - keys_before
        assert not added


def route_keys():
    return {key for key in cache._cache.keys() if ":route:" in key}


def test_a_routable_pages_sub_paths_share_its_route(client, home_page):
    # Each compound (or survey token, or article) is a sub-path of one routable page: one
    # entry for the page, not one per sub-path.
    from tests.factories.home import CompoundFactory
    from tests.factories.notices import CompoundIndexPageFactory

    directory = CompoundIndexPageFactory(parent=home_page)
    first, second = CompoundFactory(slug="miaopu"), CompoundFactory(slug="binhe")
    cache.clear()
    assert client.get(f"{directory.url}{first.slug}/").status_code == 200
    keys = route_keys()
    assert len(keys) == 1
    page_statements = statements(client, f"{directory.url}{second.slug}/")
    assert route_keys() == keys
    # Served from the entry: no tree walk for the second compound.
    assert not any('"wagtailcore_page"."slug" =' in sql for sql in page_statements)


def test_a_long_address_makes_no_cache_key_warning(client, notice):
    import warnings

    from django.core.cache import CacheKeyWarning

    long_tail = "x" * 300 + "/"
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        assert client.get(notice.url).status_code == 200
        assert client.get(notice.url + long_tail).status_code == 404


def test_a_routable_pages_child_and_its_own_sub_page_are_both_served(client, home_page):
    # The index routes follow-ups/ itself and meeting pages to its children: remembering one
    # must not send the other to the wrong page.
    from tests.factories.notices import JointMeetingIndexPageFactory, JointMeetingPageFactory

    index = JointMeetingIndexPageFactory(parent=home_page)
    meeting = JointMeetingPageFactory(parent=index, title="第九次联席会议")
    for _ in range(2):
        assert "第九次联席会议" in client.get(meeting.url).content.decode()
        tracker = client.get(index.tracker_url())
        assert tracker.status_code == 200
        assert tracker.templates[0].name == "notices/follow_up_tracker.html"
