import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage

pytestmark = pytest.mark.django_db

# Counted on the home page with every slot empty; slots added later must stay within this.
# As measured: the reports panel counts its month in one statement; menu and language links
# come from the cache.
HOME_QUERY_BUDGET = 5  # as measured; the rest is kept per content generation


def test_home_page_renders_in_chinese_with_translated_ui(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html
    assert "跳到正文" in html  # skip link
    assert "大字版" in html  # text-size toggle
    assert "服务热线" in html
    assert "回风亭社区" in html


def test_home_page_renders_in_english_with_translated_ui(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html
    assert "Large text" in html
    assert "Huifengting Community" in html
    assert "跳到正文" not in html


def test_language_switch_links_to_the_translation(client, home_page):
    html = client.get("/").content.decode()
    assert 'href="/en/" lang="en"' in html


def test_empty_slots_render_gracefully(client, home_page):
    html = client.get("/").content.decode()
    assert "暂无有效通知" in html
    assert "本月排名尚未发布" in html
    assert "目前暂无志愿活动安排" in html


def test_home_page_query_budget(client, home_page):
    client.get("/")  # warm per-process caches (content types, locales)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert len(queries) <= HOME_QUERY_BUDGET, [q["sql"] for q in queries]


def test_footer_shows_contact_details_from_site_settings(client, home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.hotline = "0827-5268123"
    contact.address = "回风街道回风亭社区党群服务中心"
    contact.save()
    html = client.get("/").content.decode()
    assert 'href="tel:0827-5268123"' in html
    assert "回风街道回风亭社区党群服务中心" in html


def test_large_text_toggle_sets_cookie_and_scales_type(client, home_page):
    response = client.get("/text-size/", {"size": "large", "next": "/en/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert response.cookies[settings.TEXT_SIZE_COOKIE].value == "large"
    html = client.get("/en/").content.decode()
    assert 'class="text-large"' in html
    assert "Standard text" in html

    response = client.get("/text-size/", {"size": "normal", "next": "/"})
    assert response.cookies[settings.TEXT_SIZE_COOKIE].value == ""
    assert 'class="text-large"' not in client.get("/").content.decode()


def test_large_text_toggle_refuses_offsite_redirect(client, home_page):
    response = client.get("/text-size/", {"size": "large", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_home_page_is_only_allowed_under_root():
    from wagtail.models import Page

    assert HomePage.can_create_at(Page.get_first_root_node())


def test_a_second_site_root_is_refused_but_community_homes_go_under_it(home_page):
    """One site root (the default community); other communities' homes are its children
    and do not nest further."""
    from wagtail.models import Page

    from tests.factories.home import HomePageFactory

    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert HomePage.can_create_at(home_page)
    second = HomePageFactory(parent=home_page, title="双燕社区", slug="shuangyan")
    assert HomePage.can_create_at(home_page)  # a third community too
    assert not HomePage.can_create_at(second)


def test_language_switch_keeps_a_routable_pages_sub_route(client, home_page):
    from wagtail.models import Locale

    from home.demo_tools import ensure_translation
    from tests.factories.notices import JointMeetingIndexPageFactory

    meetings = JointMeetingIndexPageFactory(
        parent=home_page, title="联席会议", slug="joint-meetings"
    )
    ensure_translation(meetings, Locale.objects.get(language_code="en"), title="Joint meetings")
    html = client.get("/joint-meetings/follow-ups/").content.decode()
    assert 'href="/en/joint-meetings/follow-ups/" lang="en"' in html
    # The page itself and a path that is not one of its routes keep the plain page URL.
    assert 'href="/en/joint-meetings/" lang="en"' in client.get("/joint-meetings/").content.decode()
