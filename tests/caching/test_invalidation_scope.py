"""Bookings and staff views no longer empty the page cache; what pages show still does."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from caching import keys
from services.models import Appointment, PersonalDataAccess
from tests.factories.services import (
    AppointmentFactory,
    ServiceIndexPageFactory,
    ServiceOfferingPageFactory,
    ServiceStationFactory,
    SlotFactory,
)
from tests.factories.volunteering import (
    VolunteerEventIndexPageFactory,
    VolunteerEventPageFactory,
    VolunteerSignupFactory,
    VolunteerTeamPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.HEMEI_PAGE_CACHE = True
    cache.clear()
    keys.local.forget()
    yield
    cache.clear()
    keys.local.forget()


def generation():
    return cache.get(keys.GENERATION_KEY)


@pytest.fixture
def offering(home_page):
    index = ServiceIndexPageFactory(parent=home_page)
    return ServiceOfferingPageFactory(parent=index, title="社保验证", slug="social-security")


def test_a_booking_and_its_history_keep_the_cached_pages(client, home_page, offering):
    station = ServiceStationFactory(offerings=[offering])
    slot = SlotFactory(station=station)
    client.get("/")
    before = generation()
    SlotFactory(station=station)  # the booking form makes the coming weeks' slots
    appointment = AppointmentFactory(offering=offering, slot=slot)
    appointment.cancel_by_resident()
    PersonalDataAccess.objects.create(appointment=appointment, action="view")
    assert generation() == before
    assert Client().get("/")["X-Hemei-Cache"] == "hit"
    assert Appointment.objects.count() == 1


def test_a_station_edit_still_empties_the_cache(client, home_page, offering):
    station = ServiceStationFactory(offerings=[offering])
    client.get("/")
    before = generation()
    station.phone = "0827-7654321"
    station.save()
    assert generation() != before


@pytest.fixture
def event_with_signup(home_page):
    index = VolunteerEventIndexPageFactory(parent=VolunteerTeamPageFactory(parent=home_page))
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=10)
    event = VolunteerEventPageFactory(
        parent=index, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    return event, VolunteerSignupFactory(event=event)


def test_a_past_events_counts_stay_fresh_after_a_sign_up_changes(home_page, event_with_signup):
    event, signup = event_with_signup
    first = Client().get(event.url)
    assert first.status_code == 200
    assert Client().get(event.url)["X-Hemei-Cache"] == "hit"
    signup.cancel()
    fresh = Client().get(event.url)
    assert fresh.get("X-Hemei-Cache") != "hit"
    assert fresh.content != first.content
