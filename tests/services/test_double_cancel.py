"""A cancel sent twice (a double tap, a reload) cancels once and never errors (#14 finding 9)."""

import pytest

from services.models import Appointment, Slot, Status

pytestmark = pytest.mark.django_db


def test_a_cancel_racing_another_finds_it_done_instead_of_a_conflict(appointment, slot):
    Slot.objects.filter(pk=slot.pk).update(booked=1)
    first = Appointment.objects.get(pk=appointment.pk)
    second = Appointment.objects.get(pk=appointment.pk)  # loaded before the first commits
    assert first.cancel_by_resident() is True
    assert second.cancel_by_resident() is False
    assert appointment.events.filter(to_status=Status.CANCELLED).count() == 1
    slot.refresh_from_db()
    assert slot.booked == 0


def test_the_second_tap_shows_the_cancellation(client, appointment, slot):
    Slot.objects.filter(pk=slot.pk).update(booked=1)
    client.post(
        "/appointments/status/", {"reference": appointment.reference, "phone_last_four": "5678"}
    )
    url = f"/appointments/status/{appointment.reference}/cancel/"
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "您的预约已取消" in response.content.decode()
