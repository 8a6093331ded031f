"""Promotion notices leave through the task queue: a request or a publish only enqueues."""

import logging

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from services.models import VolunteerSignup

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_PATH = "services.volunteering.tasks.notify_promoted"


@pytest.fixture
def full_event(event):
    """Both places taken, one person with an e-mail address waiting."""
    first = event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    waiting = event.sign_up("丙", "13912345678", "bing@example.cn")
    return event, first, waiting


def test_cancelling_on_the_sign_up_page_only_enqueues(
    client, settings, full_event, caplog, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = DB_TASKS
    _event, first, waiting = full_event
    with caplog.at_level(logging.INFO, logger="home.sms"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(first.get_absolute_url())
        assert response.status_code == 200
        waiting.refresh_from_db()
        assert waiting.status == VolunteerSignup.Status.CONFIRMED
        # Nothing was sent inside the request: the notice waits in the queue.
        assert mail.outbox == [] and "139****5678" not in caplog.text
        queued = DBTaskResult.objects.get()
        assert queued.task_path == TASK_PATH and queued.status == "READY"
        assert queued.args_kwargs["args"] == [waiting.pk]

        run_worker()
    assert [m.to for m in mail.outbox] == [["bing@example.cn"]]
    assert waiting.token in mail.outbox[0].body
    assert "139****5678" in caplog.text
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_publishing_more_places_only_enqueues(
    settings, full_event, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = DB_TASKS
    event, _first, waiting = full_event
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == VolunteerSignup.Status.CONFIRMED
    assert mail.outbox == []
    # (Wagtail queues its own search and reference-index updates for the publish too.)
    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").count() == 1
    run_worker()
    assert [m.to for m in mail.outbox] == [["bing@example.cn"]]


def test_no_notice_for_a_sign_up_cancelled_before_the_worker_ran(
    settings, full_event, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = DB_TASKS
    _event, first, waiting = full_event
    with django_capture_on_commit_callbacks(execute=True):
        first.cancel()
    waiting.refresh_from_db()
    waiting.cancel()
    run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
