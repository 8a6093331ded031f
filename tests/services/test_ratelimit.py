"""Per-IP and per-phone limits on new requests, kept in the cache."""

import datetime

import pytest
from django.test import Client

from home import ratelimit
from services.models import Appointment
from tests.factories.services import SlotFactory

from .helpers import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def slots(station):
    return [
        SlotFactory(station=station, capacity=10, start_time=datetime.time(8 + n, 0))
        for n in range(5)
    ]


def test_per_phone_limit(settings, offering, slots):
    settings.HEMEI_RATE_LIMITS = {"booking-phone": (2, 86400)}
    for n in range(2):
        response = book(Client(REMOTE_ADDR=f"10.1.0.{n}"), offering, slots[n])
        assert response.status_code == 302
    refused = book(Client(REMOTE_ADDR="10.1.0.9"), offering, slots[2])
    assert refused.status_code == 429
    assert "请求过多" in refused.content.decode()
    assert Appointment.objects.count() == 2
    # Another number from the same place is fine.
    assert (
        book(
            Client(REMOTE_ADDR="10.1.0.9"), offering, slots[2], requester_phone="13987654321"
        ).status_code
        == 302
    )


def test_per_ip_limit(settings, offering, slots):
    settings.HEMEI_RATE_LIMITS = {"booking-ip": (2, 3600)}
    client = Client(REMOTE_ADDR="10.2.0.1")
    for n in range(2):
        assert book(client, offering, slots[n], requester_phone=f"1391234000{n}").status_code == 302
    assert book(client, offering, slots[2], requester_phone="13912340009").status_code == 429
    assert (
        book(
            Client(REMOTE_ADDR="10.2.0.2"), offering, slots[2], requester_phone="13912340009"
        ).status_code
        == 302
    )


def test_counters_expire_with_their_window(settings):
    settings.HEMEI_RATE_LIMITS = {"booking-ip": (1, 3600)}
    assert not ratelimit.hit("booking-ip", "1.2.3.4")
    assert ratelimit.hit("booking-ip", "1.2.3.4")
    assert ratelimit.is_limited("booking-ip", "1.2.3.4")
    assert not ratelimit.is_limited("booking-ip", "1.2.3.5")


def test_cache_keys_do_not_contain_the_phone_number():
    key = ratelimit._key("booking-phone", "13812345678")
    assert "13812345678" not in key and "5678" not in key


def test_client_address_behind_the_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert ratelimit.client_ip(request) == "127.0.0.1"
    settings.HEMEI_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # The forged left-hand entry is ignored; the proxy's own entry counts.
    assert ratelimit.client_ip(request) == "203.0.113.9"
    assert ratelimit.client_ip(rf.get("/", REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"
