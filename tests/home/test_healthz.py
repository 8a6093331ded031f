from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_when_cache_is_down(client):
    with mock.patch("home.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"] == "error: ConnectionError"
    assert body["checks"]["database"] == "ok"


def test_healthz_reports_the_task_queue_backlog(client):
    import datetime

    from django.test import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    queued = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=queued):
        assert client.get("/healthz").json()["task_queue"] == {"pending": 0, "oldest_seconds": 0}
        from modelsearch.tasks import insert_or_update_object_task

        insert_or_update_object_task.enqueue("home", "compound", "1")
        DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=5))
        response = client.get("/healthz")
    assert response.status_code == 200  # a backlog is reported, not a failure
    queue = response.json()["task_queue"]
    assert queue["pending"] == 1
    assert 295 <= queue["oldest_seconds"] <= 400
