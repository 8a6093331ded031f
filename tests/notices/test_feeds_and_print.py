"""RSS/Atom feeds per locale, their discovery links, and the printable view of a notice."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
import time_machine

from tests.factories.notices import NoticePageFactory

from .helpers import translate

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0), tick=False):
        yield


@pytest.fixture
def notices(notice_index):
    return [
        NoticePageFactory(
            parent=notice_index,
            title="停水通知",
            category="outage",
            summary="11月28日停水。",
            publish_date=datetime.date(2026, 11, 20),
        ),
        NoticePageFactory(
            parent=notice_index,
            title="业委会选举",
            category="election",
            publish_date=datetime.date(2026, 11, 10),
        ),
        NoticePageFactory(
            parent=notice_index,
            title="旧的停电通知",
            category="outage",
            valid_until=datetime.date(2026, 10, 1),
        ),
    ]


def path_of(url):
    return urlparse(url).path


def test_rss_feed_is_valid_xml_with_current_notices_linking_to_live_pages(
    client, notice_index, notices
):
    response = client.get(notice_index.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "通知公告"
    assert path_of(channel.findtext("link")) == notice_index.url
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "[停水停电] 停水通知",
        "[选举] 业委会选举",
    ]
    assert items[0].findtext("description") == "11月28日停水。"
    assert items[0].findtext("category") == "停水停电"
    assert items[0].findtext("pubDate").startswith("Fri, 20 Nov 2026")
    for item in items:
        link = item.findtext("link")
        assert urlparse(link).scheme == "http" and urlparse(link).netloc  # absolute
        assert client.get(path_of(link)).status_code == 200


def test_atom_feed_is_valid_xml_with_entries(client, notice_index, notices):
    response = client.get(notice_index.url + "atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert path_of(self_link.get("href")) == notice_index.url + "atom/"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")
        href = entry.find(f"{ATOM}link").get("href")
        assert client.get(path_of(href)).status_code == 200


def test_feeds_are_per_locale(client, notice_index, notices):
    translate(
        notices[0], title="Water outage", slug=notices[0].slug, summary="No water on 28 November."
    )
    response = client.get("/en/notices/rss/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["[Water or power outage] Water outage"]
    assert path_of(items[0].findtext("link")).startswith("/en/notices/")
    assert channel.findtext("language") == "en"


def test_index_and_notice_pages_advertise_the_feeds(client, notice_index, notices):
    html = client.get(notice_index.url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="通知公告（RSS订阅）" '
        f'href="{notice_index.url}rss/">' in html
    )
    assert (
        f'type="application/atom+xml" title="通知公告（Atom订阅）" href="{notice_index.url}atom/"'
        in html
    )


def test_printable_view_drops_the_site_chrome(client, notices):
    notice = notices[0]
    page_html = client.get(notice.url).content.decode()
    assert f'href="{notice.url}?print=1"' in page_html
    assert "打印版" in page_html
    printable = client.get(notice.url, {"print": "1"})
    assert printable.status_code == 200
    html = printable.content.decode()
    assert "停水通知" in html and "11月28日停水。" in html
    assert 'class="site-header"' not in html
    assert 'class="main-nav"' not in html
    assert 'class="site-footer"' not in html
    assert 'href="/static/css/print.css" media="print"' in html


def test_print_stylesheet_hides_interactive_parts():
    from django.contrib.staticfiles import finders

    css = open(finders.find("notices/notices.css"), encoding="utf-8").read()
    media_print = css[css.index("@media print") :]
    for selector in (".filter-form", ".notice-actions"):
        assert selector in media_print
    # The pager is shared, so the site-wide print sheet hides it on every listing.
    site_print = open(finders.find("css/print.css"), encoding="utf-8").read()
    assert ".pagination" in site_print.split("{", 1)[0]
