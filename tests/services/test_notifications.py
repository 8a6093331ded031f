"""New requests: staff mail and resident SMS, sent once, by a background task."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from home import sms
from home.roles import STATION_STAFF
from services import notifications
from services.models import Appointment
from services.tasks import notify_new_request

from .helpers import book

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class RecordingSmsBackend(sms.BaseSmsBackend):
    sent = []

    def send(self, phone, message):
        RecordingSmsBackend.sent.append((phone, message))


@pytest.fixture
def recorded_sms(settings):
    RecordingSmsBackend.sent = []
    settings.HEMEI_SMS_BACKEND = "tests.services.test_notifications.RecordingSmsBackend"
    return RecordingSmsBackend.sent


@pytest.fixture
def station_staff(django_user_model, station):
    user = django_user_model.objects.create_user("zhang", "zhang@example.cn", "pw-123456789")
    user.groups.add(Group.objects.get(name=STATION_STAFF))
    station.staff.add(user)
    station.save()
    return user


@pytest.fixture
def run_worker(monkeypatch):
    """Run `manage.py db_worker` until the queue is empty, as the production worker would.

    The worker closes "old" connections between tasks; inside the test's transaction that would
    close the test's own connection (PostgreSQL), so that step is switched off here.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        with open("/dev/null", "w") as out:
            call_command("db_worker", "--batch", "--interval", "0", stdout=out)

    return run


def test_the_request_only_enqueues_and_the_worker_sends_once(
    client,
    settings,
    offering,
    slot,
    station_staff,
    recorded_sms,
    django_capture_on_commit_callbacks,
    monkeypatch,
    run_worker,
):
    settings.TASKS = DB_TASKS

    def no_mail_in_request(*args, **kwargs):
        raise AssertionError("mail sent inside the request")

    with monkeypatch.context() as patch:
        patch.setattr(notifications, "send_mail", no_mail_in_request)
        with django_capture_on_commit_callbacks(execute=True):
            response = book(client, offering, slot)
    assert response.status_code == 302
    assert mail.outbox == [] and recorded_sms == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "services.tasks.notify_new_request"
    assert queued.status == "READY"

    run_worker()
    appointment = Appointment.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhang@example.cn"]
    assert appointment.display_reference in mail.outbox[0].subject
    # The staff mail carries a link, not the resident's details.
    assert "13812345678" not in mail.outbox[0].body and "王小明" not in mail.outbox[0].body
    assert recorded_sms == [("13812345678", recorded_sms[0][1])]
    assert appointment.display_reference in recorded_sms[0][1]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    # A second worker run, or the task enqueued again, sends nothing more.
    run_worker()
    notify_new_request.enqueue(appointment.pk)
    run_worker()
    assert len(mail.outbox) == 1 and len(recorded_sms) == 1


def test_no_notification_is_enqueued_for_a_refused_request(
    client, settings, offering, slot, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/appointments/book/", {"offering": offering.pk, "mode": "station"})
        client.post("/appointments/book/time/", {"slot": slot.pk})
        client.post("/appointments/book/details/", {"requester_name": ""})
    assert not DBTaskResult.objects.exists()


def test_station_staff_and_station_email_are_the_recipients(
    appointment, station, django_user_model
):
    station.notification_email = "miaopu@example.cn"
    station.save()
    assert notifications.staff_recipients(station) == ["miaopu@example.cn"]
    own = django_user_model.objects.create_user("li", "li@example.cn", "pw-123456789")
    station.staff.add(own)
    station.save()
    assert notifications.staff_recipients(station) == ["li@example.cn", "miaopu@example.cn"]


# The old dotted path (before the SMS interface moved to home/) still names the log backend.
@pytest.mark.parametrize("path", ["home.sms.LogSmsBackend", "services.sms.LogSmsBackend"])
def test_log_backend_masks_the_number_and_says_it_did_not_send(caplog, settings, path):
    settings.HEMEI_SMS_BACKEND = path
    with caplog.at_level(logging.INFO, logger="home.sms"):
        sms.send_sms("13812345678", "测试")
    assert "13812345678" not in caplog.text
    assert "138****5678" in caplog.text and "not sent" in caplog.text
    assert sms.is_log_only()
