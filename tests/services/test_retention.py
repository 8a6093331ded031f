"""`manage.py purge_personal_data`: anonymise requests N days after the appointment ended."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.models import Appointment
from tests.factories.services import SlotFactory

pytestmark = pytest.mark.django_db


def days_ago(station, days):
    return SlotFactory(station=station, date=timezone.localdate() - datetime.timedelta(days=days))


def run(*args):
    with open("/dev/null", "w") as out:
        call_command("purge_personal_data", *args, stdout=out)


def test_old_requests_are_anonymised_and_recent_ones_kept(make_appointment, station):
    old = make_appointment(
        slot=days_ago(station, 181),
        requester_name="张三",
        requester_phone="13811112222",
        for_someone_else=True,
        beneficiary_name="张大爷",
        building="3",
        room="501",
        accessibility_notes="耳背",
    )
    old.change_status("cancelled", note="电话里说的情况")
    recent = make_appointment(slot=days_ago(station, 179), requester_name="李四")
    run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is not None
    assert (
        old.requester_name,
        old.requester_phone,
        old.beneficiary_name,
        old.building,
        old.room,
        old.accessibility_notes,
    ) == ("", "", "", "", "", "")
    assert not old.events.exclude(note="").exists()
    # What statistics need stays.
    assert old.reference and old.status == "cancelled" and old.slot_id
    assert recent.anonymised_at is None and recent.requester_name == "李四"


def test_the_retention_period_is_a_setting(settings, make_appointment, station):
    settings.HEMEI_PERSONAL_DATA_RETENTION_DAYS = 30
    appointment = make_appointment(slot=days_ago(station, 31))
    run()
    appointment.refresh_from_db()
    assert appointment.anonymised_at is not None


def test_dry_run_changes_nothing_and_second_run_is_a_no_op(make_appointment, station, capsys):
    appointment = make_appointment(slot=days_ago(station, 200))
    call_command("purge_personal_data", "--dry-run")
    assert "1 appointment request(s) would be anonymised" in capsys.readouterr().out
    assert Appointment.objects.get().anonymised_at is None
    call_command("purge_personal_data")
    first = Appointment.objects.get(pk=appointment.pk).anonymised_at
    call_command("purge_personal_data")
    assert "0 appointment request(s) anonymised" in capsys.readouterr().out
    assert Appointment.objects.get(pk=appointment.pk).anonymised_at == first


def test_days_option_overrides(make_appointment, station):
    appointment = make_appointment(slot=days_ago(station, 10))
    run("--days", "7")
    appointment.refresh_from_db()
    assert appointment.anonymised_at is not None
