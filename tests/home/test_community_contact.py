"""The footer's contact: a community's own on its pages, the site's elsewhere and for what
the community leaves empty, kept per content generation (no statement added to a page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Site

from home.contact import community_contact
from home.models import SiteSettings
from tests.factories.home import CommunityFactory, HomePageFactory
from tests.factories.notices import NoticeIndexPageFactory

SITE_ADDRESS = "回风街道回风亭社区党群服务中心"
SITE_HOTLINE = "0827-5268123"


@pytest.fixture
def second(home_page):
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.address = SITE_ADDRESS
    contact.phone = "0827-5268000"
    contact.hotline = SITE_HOTLINE
    contact.save()
    home_page.community = CommunityFactory(name="回风亭社区", slug="huifengting")
    home_page.save_revision().publish()
    community = CommunityFactory(
        name="双燕社区",
        slug="shuangyan",
        organisation="双燕社区居民委员会",
        address="江北街道双燕路18号",
        phone="0827-5261018",
    )
    home = HomePageFactory(
        parent=home_page, title="双燕社区", slug="shuangyan", community=community
    )
    NoticeIndexPageFactory(parent=home, slug="notices")
    return community


def _footer(client, url):
    html = client.get(url).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_a_communitys_pages_show_its_contact_and_the_sites_hotline(client, second):
    for url in ("/shuangyan/", "/shuangyan/notices/"):
        footer = _footer(client, url)
        assert "双燕社区居民委员会" in footer and "江北街道双燕路18号" in footer, url
        assert 'href="tel:0827-5261018"' in footer
        assert SITE_ADDRESS not in footer and "0827-5268000" not in footer
        # No hotline of its own: the site's stands in.
        assert f'href="tel:{SITE_HOTLINE}"' in footer


def test_other_pages_show_the_sites_contact(client, second):
    for url in ("/", "/city/", "/search/?q=停水"):
        footer = _footer(client, url)
        assert SITE_ADDRESS in footer and "双燕路" not in footer, url


def test_a_community_hotline_replaces_the_sites(client, second):
    second.hotline = "0827-5261000"
    second.save()
    footer = _footer(client, "/shuangyan/")
    assert 'href="tel:0827-5261000"' in footer and SITE_HOTLINE not in footer


def test_the_contact_follows_the_language(second):
    english = Locale.objects.get(language_code="en")
    translated = second.copy_for_translation(english)
    translated.organisation = "Shuangyan Community Residents' Committee"
    translated.save()
    with translation.override("en"):
        assert community_contact(second.translation_key)["organisation"] == (
            "Shuangyan Community Residents' Committee"
        )
    with translation.override("zh-hans"):
        assert community_contact(second.translation_key)["organisation"] == "双燕社区居民委员会"


def test_the_footer_adds_no_statement_once_warm(client, second):
    def statements():
        client.get("/shuangyan/notices/")  # warms what is kept per generation
        with CaptureQueriesContext(connection) as queries:
            client.get("/shuangyan/notices/")
        return len(queries)

    with_contact = statements()
    second.organisation = second.address = second.phone = ""
    second.save()  # a snippet save starts a new generation
    assert "双燕社区居民委员会" not in _footer(client, "/shuangyan/notices/")
    assert statements() == with_contact
