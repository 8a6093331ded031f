import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.references import REFERENCE_ALPHABET, new_reference, normalise_reference
from services.models import (
    Appointment,
    Mode,
    Slot,
    SlotFull,
    SlotTemplate,
    StationClosure,
    Status,
)
from tests.factories.services import SlotFactory

pytestmark = pytest.mark.django_db


def test_references_have_no_ambiguous_characters():
    for _n in range(200):
        reference = new_reference()
        assert len(reference) == 8
        assert not set(reference) & set("01OIL")
    assert not set(REFERENCE_ALPHABET) & set("01OIL")
    assert normalise_reference(" k7qm-3xpd ") == "K7QM3XPD"


def test_saving_an_appointment_gives_it_a_reference(appointment):
    assert len(appointment.reference) == 8
    assert (
        appointment.display_reference == f"{appointment.reference[:4]}-{appointment.reference[4:]}"
    )


def test_materialise_builds_14_days_of_slots_from_templates(station):
    SlotTemplate.objects.create(
        station=station,
        weekday=2,
        start_time=datetime.time(19),
        end_time=datetime.time(20),
        mode=Mode.HOME_VISIT,
        capacity=2,
    )
    SlotTemplate.objects.create(
        station=station, weekday=5, start_time=datetime.time(9), end_time=datetime.time(11)
    )
    Slot.objects.materialise()
    Slot.objects.materialise()  # idempotent
    slots = list(Slot.objects.filter(station=station))
    assert len(slots) == 4
    assert {s.date.weekday() for s in slots} == {2, 5}
    today = timezone.localdate()
    assert all(today <= s.date < today + datetime.timedelta(days=14) for s in slots)
    assert all(s.is_off_hours for s in slots)


def test_bookable_skips_closures_including_multi_day_ones(station):
    day = timezone.localdate() + datetime.timedelta(days=3)
    inside = SlotFactory(station=station, date=day)
    after = SlotFactory(station=station, date=day + datetime.timedelta(days=3))
    StationClosure.objects.create(
        station=station,
        date=day - datetime.timedelta(days=1),
        end_date=day + datetime.timedelta(days=1),
    )
    assert set(Slot.objects.bookable()) == {after}
    del inside


def test_reserve_refuses_a_full_slot(station):
    slot = SlotFactory(station=station, capacity=1)
    with transaction.atomic():
        Slot.reserve(slot.pk)
    with pytest.raises(SlotFull), transaction.atomic():
        Slot.reserve(slot.pk)
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_check_constraint_refuses_overbooking(station):
    slot = SlotFactory(station=station, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked=2)


def test_status_transitions_are_enforced_and_logged(appointment, staff_user):
    with pytest.raises(ValidationError):
        appointment.change_status(Status.DONE, actor=staff_user)
    appointment.change_status(Status.CONFIRMED, actor=staff_user)
    with pytest.raises(ValidationError):
        appointment.change_status(Status.ASSIGNED, actor=staff_user)
    appointment.change_status(Status.ASSIGNED, actor=staff_user, assigned_to=staff_user)
    appointment.change_status(Status.NO_SHOW, actor=staff_user)
    assert appointment.allowed_transitions() == ()
    assert list(appointment.events.values_list("to_status", flat=True)) == [
        "confirmed",
        "assigned",
        "no_show",
    ]


def test_past_appointments_cannot_be_cancelled_by_the_resident(make_appointment, station):
    past = SlotFactory(station=station, date=timezone.localdate() - datetime.timedelta(days=1))
    appointment = make_appointment(slot=past)
    assert not appointment.can_be_cancelled_by_resident()
    with pytest.raises(ValidationError):
        appointment.cancel_by_resident()


def test_slot_template_validation(station):
    template = SlotTemplate(
        station=station, weekday=0, start_time=datetime.time(10), end_time=datetime.time(9)
    )
    with pytest.raises(ValidationError):
        template.clean()


def test_appointment_str(appointment):
    assert str(appointment) == appointment.reference
    assert Appointment.objects.for_queue().get() == appointment


def test_editing_a_template_replaces_its_free_slots_but_keeps_booked_ones(station):
    template = SlotTemplate.objects.create(
        station=station,
        weekday=timezone.localdate().weekday(),
        start_time=datetime.time(23, 0),
        end_time=datetime.time(23, 30),
    )
    Slot.objects.materialise()
    free, booked = Slot.objects.filter(template=template).order_by("date")
    Slot.objects.filter(pk=booked.pk).update(booked=1)
    template.start_time = datetime.time(22, 0)
    template.capacity = 5
    template.save()
    Slot.objects.materialise()
    assert not Slot.objects.filter(pk=free.pk).exists()
    assert Slot.objects.get(pk=booked.pk).start_time == datetime.time(23, 0)
    assert (
        Slot.objects.filter(template=template, start_time=datetime.time(22, 0), capacity=5).count()
        == 2
    )


def test_deleting_a_template_removes_its_free_future_slots(station):
    template = SlotTemplate.objects.create(
        station=station, weekday=3, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    Slot.objects.materialise()
    first, second = Slot.objects.filter(template=template)
    Slot.objects.filter(pk=first.pk).update(booked=1)
    template.delete()
    assert list(Slot.objects.filter(station=station)) == [first]
