"""Double submit and double cancel at the same moment (PostgreSQL row locks and constraints)."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from services.models import Appointment, Slot, Status
from tests.factories.services import SlotFactory

from .helpers import VALID_CONTACT, choose_service, choose_slot

pytestmark = pytest.mark.postgres

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture
def require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (SQLite serialises writers). Set DATABASE_URL=postgres://...")


def at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(n):
        try:
            barrier.wait(timeout=10)
            results[n] = calls[n]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_the_same_booking_sent_twice_at_once_books_once(
    require_postgres, transactional_db, offering, station
):
    slot = SlotFactory(station=station, capacity=5)
    client = Client()
    choose_service(client, offering)
    choose_slot(client, slot)
    token = TOKEN_RE.search(client.get("/appointments/book/details/").content.decode()).group(1)
    data = {**VALID_CONTACT, "form_token": token}
    # Two tabs of one browser: the same session cookie, the same token.
    twin = Client()
    twin.cookies = client.cookies
    responses = at_once(
        lambda: client.post("/appointments/book/details/", data),
        lambda: twin.post("/appointments/book/details/", data),
    )
    assert [r["Location"] for r in responses] == ["/appointments/book/done/"] * 2
    assert Appointment.objects.count() == 1
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_the_same_cancel_sent_twice_at_once_cancels_once(
    require_postgres, transactional_db, offering, station
):
    from tests.factories.services import AppointmentFactory

    slot = SlotFactory(station=station, capacity=2, booked=1)
    appointment = AppointmentFactory(offering=offering, slot=slot, requester_phone="13812345678")
    results = at_once(
        lambda: Appointment.objects.get(pk=appointment.pk).cancel_by_resident(),
        lambda: Appointment.objects.get(pk=appointment.pk).cancel_by_resident(),
    )
    assert sorted(results) == [False, True]
    assert Appointment.objects.get(pk=appointment.pk).status == Status.CANCELLED
    assert Slot.objects.get(pk=slot.pk).booked == 0


def test_parallel_bookings_from_one_address_stop_at_the_limit(
    require_postgres, transactional_db, offering, station, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.HEMEI_RATE_LIMITS = {"booking-ip": (3, 3600)}
    slot = SlotFactory(station=station, capacity=20)
    clients = []
    for _ in range(8):
        client = Client(REMOTE_ADDR="10.9.9.9")
        choose_service(client, offering)
        choose_slot(client, slot)
        clients.append(client)
    calls = [
        (
            lambda c=c, n=n: c.post(
                "/appointments/book/details/",
                {**VALID_CONTACT, "requester_phone": f"1390000{n:04d}"},
            )
        )
        for n, c in enumerate(clients)
    ]
    responses = at_once(*calls)
    assert sorted(r.status_code for r in responses) == [302] * 3 + [429] * 5
    assert Appointment.objects.count() == 3
