"""Public pages: tree rules, content, translations and bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.test.utils import WagtailTestUtils  # noqa: F401  (keeps wagtail test helpers importable)

from home.demo_tools import ensure_translation
from home.models import HomePage
from services.models import ServiceIndexPage, ServiceOfferingPage
from tests.factories.services import (
    ServiceOfferingPageFactory,
    ServiceStationFactory,
    SlotTemplateFactory,
)

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert ServiceIndexPage.can_create_at(HomePage())
    assert ServiceOfferingPage.can_create_at(ServiceIndexPage())
    assert not ServiceOfferingPage.can_create_at(HomePage())
    assert ServiceOfferingPage.allowed_subpage_models() == []


def test_index_lists_offerings_and_stations(client, services_index, station, offering):
    html = client.get(services_index.url).content.decode()
    assert offering.title in html and station.name in html
    assert "/appointments/book/" in html


def test_offering_page_shows_modes_stations_and_booking_link(client, offering, station):
    html = client.get(offering.url).content.decode()
    assert "上门服务" in html and station.name in html
    assert f"/appointments/book/?offering={offering.pk}" in html


def test_station_route(client, services_index, station):
    SlotTemplateFactory(
        station=station, weekday=5, start_time=datetime.time(19), end_time=datetime.time(20)
    )
    response = client.get(f"{services_index.url}stations/{station.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        station.name in html and "错时" in html and '<caption id="station-times-caption">' in html
    )
    assert client.get(f"{services_index.url}stations/no-such-station/").status_code == 404


def test_english_offering_links_to_the_booking_form(client, offering, station):
    english = ensure_translation(
        offering, Locale.objects.get(language_code="en"), title="Social-security check"
    )
    html = client.get(english.url).content.decode()
    assert "Social-security check" in html
    assert station.name in html  # stations belong to the Chinese page; the translation finds them
    response = client.get(f"/en/appointments/book/?offering={english.pk}")
    assert response.context["form"]["offering"].value() == offering.pk
    assert "Social-security check" in response.content.decode()


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_index_page_queries_do_not_grow_with_content(client, services_index, offering, station):
    small = _count(client, services_index.url)
    for n in range(8):
        ServiceOfferingPageFactory(parent=services_index)
        ServiceStationFactory(offerings=[offering], name=f"站{n}")
    assert _count(client, services_index.url) <= small


def test_offering_and_station_pages_queries_are_bounded(client, services_index, offering, station):
    SlotTemplateFactory(station=station)
    offering_small = _count(client, offering.url)
    station_url = f"{services_index.url}stations/{station.slug}/"
    station_small = _count(client, station_url)
    for n in range(8):
        ServiceStationFactory(offerings=[offering], name=f"站{n}")
        station.offerings.add(ServiceOfferingPageFactory(parent=services_index))
        SlotTemplateFactory(station=station, weekday=n % 7)
    assert _count(client, offering.url) <= offering_small
    assert _count(client, station_url) <= station_small


def test_booking_steps_queries_are_bounded(client, offering, station):
    from tests.factories.services import SlotFactory

    from .helpers import choose_service

    # Its own hour: the factory's sequence of times depends on the tests run before.
    SlotFactory(station=station, start_time=datetime.time(7, 0))
    choose_service(client, offering)
    small_one = _count(client, "/appointments/book/")
    small_two = _count(client, "/appointments/book/time/")
    for n in range(10):
        SlotFactory(station=station, start_time=datetime.time(8 + n % 10, 30))
        ServiceStationFactory(offerings=[offering])
    assert _count(client, "/appointments/book/") <= small_one
    assert _count(client, "/appointments/book/time/") <= small_two
    assert small_one <= 20 and small_two <= 25
