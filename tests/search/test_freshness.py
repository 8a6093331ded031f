"""A published page is searchable without a task worker (search/freshness.py)."""

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from .conftest import FixtureNoticePage

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def found(query):
    return [page.pk for page in FixtureNoticePage.objects.live().search(query)]


@override_settings(TASKS=QUEUED)
def test_publishing_indexes_the_page_without_a_worker(
    home_page, search_types, django_capture_on_commit_callbacks
):
    page = FixtureNoticePage(title="桂花街停车场启用通知", slug="parking", body="新建停车场两处。")
    with django_capture_on_commit_callbacks(execute=True):
        home_page.add_child(instance=page)
        page.save_revision().publish()
    assert DBTaskResult.objects.ready().exists()  # the queued update no worker will run
    assert found("停车场") == [page.pk]


@override_settings(TASKS=QUEUED)
def test_unpublishing_updates_the_index_without_a_worker(
    home_page, search_types, django_capture_on_commit_callbacks
):
    page = FixtureNoticePage(title="旧公告", slug="old", body="停车场施工。")
    with django_capture_on_commit_callbacks(execute=True):
        home_page.add_child(instance=page)
        page.save_revision().publish()
        page.title = "桂花街停车场施工公告"
        page.save_revision().publish()
    assert found("桂花街") == [page.pk]  # the second publish reached the index too
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found("桂花街") == []
