"""Races on real concurrent connections: PostgreSQL only (SQLite has no row locks)."""

import threading
import time

import pytest
from django.db import connection, connections

from services.models import VolunteerEventPage, VolunteerSignup
from tests.factories.volunteering import (
    VolunteerEventIndexPageFactory,
    VolunteerEventPageFactory,
    VolunteerTeamPageFactory,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite ignores SELECT ... FOR UPDATE and serialises writers",
    ),
]


@pytest.fixture
def race_event(transactional_db, home_page):
    team = VolunteerTeamPageFactory(parent=home_page)
    index = VolunteerEventIndexPageFactory(parent=team)
    return VolunteerEventPageFactory(parent=index, capacity=2)


def run_together(*actions):
    """Start every action in its own thread (own DB connection) at the same moment."""
    barrier = threading.Barrier(len(actions))
    errors, results = [], [None] * len(actions)

    def worker(i, action):
        try:
            barrier.wait()
            results[i] = action()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    return results


@pytest.fixture
def slow_promotion(monkeypatch):
    """Widen the window between freeing a place and filling it, as a busy server would."""
    original = VolunteerEventPage.fill_open_places

    def slow(self):
        time.sleep(0.3)
        return original(self)

    monkeypatch.setattr(VolunteerEventPage, "fill_open_places", slow)


def test_two_cancellations_at_once_promote_two_different_people(race_event, slow_promotion):
    a = race_event.sign_up("甲", "13800000001")
    b = race_event.sign_up("乙", "13800000002")
    c = race_event.sign_up("丙", "13800000003")
    d = race_event.sign_up("丁", "13800000004")
    e = race_event.sign_up("戊", "13800000005")

    results = run_together(
        lambda: VolunteerSignup.objects.get(pk=a.pk).cancel(),
        lambda: VolunteerSignup.objects.get(pk=b.pk).cancel(),
    )

    promoted = sorted(p.pk for batch in results for p in batch)
    assert promoted == sorted([c.pk, d.pk])
    statuses = dict(VolunteerSignup.objects.values_list("pk", "status"))
    assert statuses[c.pk] == statuses[d.pk] == VolunteerSignup.Status.CONFIRMED
    assert statuses[e.pk] == VolunteerSignup.Status.WAITLISTED
    assert race_event.signup_counts() == {"confirmed": 2, "waitlisted": 1, "free": 0}


def test_the_same_cancellation_sent_twice_promotes_once(race_event, slow_promotion):
    a = race_event.sign_up("甲", "13800000001")
    race_event.sign_up("乙", "13800000002")
    c = race_event.sign_up("丙", "13800000003")
    d = race_event.sign_up("丁", "13800000004")

    results = run_together(
        lambda: VolunteerSignup.objects.get(pk=a.pk).cancel(),
        lambda: VolunteerSignup.objects.get(pk=a.pk).cancel(),
    )

    assert sorted(len(batch) for batch in results) == [0, 1]
    assert VolunteerSignup.objects.get(pk=c.pk).status == VolunteerSignup.Status.CONFIRMED
    assert VolunteerSignup.objects.get(pk=d.pk).status == VolunteerSignup.Status.WAITLISTED


def test_two_sign_ups_for_the_last_place_get_one_place(race_event, monkeypatch):
    race_event.sign_up("甲", "13800000001")
    original = VolunteerSignup.objects.create

    def slow_create(**kwargs):
        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(VolunteerSignup.objects, "create", slow_create)
    event_pk = race_event.pk
    results = run_together(
        lambda: VolunteerEventPage.objects.get(pk=event_pk).sign_up("乙", "13800000002"),
        lambda: VolunteerEventPage.objects.get(pk=event_pk).sign_up("丙", "13800000003"),
    )
    assert sorted(s.status for s in results) == ["confirmed", "waitlisted"]
