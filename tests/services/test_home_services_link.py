"""The home page without quick links points at the services index, never at a promise."""

from home.models import HomeQuickLink
from tests.factories.services import ServiceIndexPageFactory


def test_home_without_quick_links_links_to_the_services_index(client, home_page):
    home_page.quick_links.all().delete()
    html = client.get(home_page.url).content.decode()
    assert "soon" not in html and "服务热线" in html  # no services page yet: the hotline
    index = ServiceIndexPageFactory(parent=home_page)
    html = client.get(home_page.url).content.decode()
    assert f'href="{index.url}"' in html
    assert "服务热线" not in html.split('id="quick-links-heading"')[1].split("</section>")[0]


def test_home_with_quick_links_shows_them(client, home_page):
    ServiceIndexPageFactory(parent=home_page)
    HomeQuickLink.objects.create(page=home_page, title="预约服务", link_url="/appointments/book/")
    html = client.get(home_page.url).content.decode()
    assert 'href="/appointments/book/"' in html and "预约服务" in html
