import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories.volunteering import (
    VolunteerEventIndexPageFactory,
    VolunteerEventPageFactory,
    VolunteerTeamPageFactory,
)


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Rate-limit counters live in the cache; every test starts with a clean allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team_page(home_page):
    return VolunteerTeamPageFactory(parent=home_page)


@pytest.fixture
def event_index(team_page):
    return VolunteerEventIndexPageFactory(parent=team_page)


@pytest.fixture
def event(event_index):
    return VolunteerEventPageFactory(parent=event_index, capacity=2)


@pytest.fixture
def past_event(event_index):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=10)
    return VolunteerEventPageFactory(
        parent=event_index, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )


@pytest.fixture
def run_worker(monkeypatch):
    """Run `manage.py db_worker` until the queue is empty, as the production worker would.

    The worker closes "old" connections between tasks; inside the test's transaction that would
    close the test's own connection (PostgreSQL), so that step is switched off here.
    """
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        with open("/dev/null", "w") as out:
            call_command("db_worker", "--batch", "--interval", "0", stdout=out)

    return run
