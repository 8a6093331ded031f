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
