"""Concurrent submissions never take more places than a slot has (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from services.models import Appointment, Slot
from tests.factories.services import SlotFactory

from .helpers import VALID_CONTACT, choose_service, choose_slot

pytestmark = pytest.mark.postgres

THREADS = 8


@pytest.fixture
def require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: SQLite allows one writer at a time and ignores "
            "SELECT ... FOR UPDATE, "
            "so there is no concurrent booking to test. Run with DATABASE_URL=postgres://..."
        )


@pytest.mark.parametrize("capacity", [1, 3])
def test_simultaneous_requests_never_overbook_a_slot(
    require_postgres, transactional_db, offering, station, capacity
):
    slot = SlotFactory(station=station, capacity=capacity)
    clients = []
    for n in range(THREADS):
        client = Client(REMOTE_ADDR=f"10.9.0.{n}")
        choose_service(client, offering)
        choose_slot(client, slot)
        clients.append(client)

    barrier = threading.Barrier(THREADS)
    responses = [None] * THREADS

    def submit(n):
        try:
            barrier.wait(timeout=10)
            responses[n] = clients[n].post(
                "/appointments/book/details/",
                {**VALID_CONTACT, "requester_phone": f"1380000{n:04d}"},
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    locations = [r["Location"] for r in responses]
    assert all(r.status_code == 302 for r in responses), [r.status_code for r in responses]
    assert locations.count("/appointments/book/done/") == capacity
    assert locations.count("/appointments/book/time/") == THREADS - capacity
    assert Appointment.objects.filter(slot=slot).count() == capacity
    assert Slot.objects.get(pk=slot.pk).booked == capacity


def test_the_database_refuses_overbooking_even_without_the_lock(
    require_postgres, transactional_db, station
):
    from django.db import IntegrityError
    from django.db.models import F

    slot = SlotFactory(station=station, capacity=1, booked=1)
    with pytest.raises(IntegrityError):
        Slot.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
