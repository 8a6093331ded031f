"""The demo loader builds a believable volunteer team.

Idempotency is tested once for every app: tests/home/test_load_demo.py.
"""

import pytest
from django.utils import timezone

from services.models import (
    VolunteerApplication,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerSignup,
    VolunteerTeamPage,
)
from services.volunteering.models import EventType

pytestmark = pytest.mark.django_db


def test_demo_volunteering(client, demo):
    zh_events = VolunteerEventPage.objects.filter(locale__language_code="zh-hans")
    now = timezone.now()
    assert zh_events.count() >= 20
    assert set(zh_events.values_list("event_type", flat=True)) == set(EventType.values)
    assert zh_events.values("compound").distinct().count() >= 5
    assert zh_events.filter(ends_at__lt=now).count() >= 10
    assert zh_events.filter(starts_at__gt=now).count() >= 5
    # Every past event has a report and attendance; upcoming ones have none.
    past = zh_events.filter(ends_at__lt=now)
    assert VolunteerEventReport.objects.filter(event__in=past).count() == past.count()
    assert not VolunteerEventReport.objects.exclude(event__in=past).exists()
    assert VolunteerSignup.objects.filter(event__in=past, attended=True).exists()
    # One upcoming event is full with people waiting.
    assert VolunteerSignup.objects.filter(status=VolunteerSignup.Status.WAITLISTED).exists()
    assert VolunteerApplication.objects.filter(status="approved").count() >= 20

    team = VolunteerTeamPage.objects.get(locale__language_code="zh-hans")
    en_team = VolunteerTeamPage.objects.get(locale__language_code="en")
    assert client.get(team.url).status_code == 200
    en_html = client.get(en_team.url).content.decode()
    assert "Compound Steward Volunteer Team" in en_html
    en_index = en_team.get_children().get().specific
    en_index_html = client.get(en_index.url).content.decode()
    assert "Health check-up at" in en_index_html

    totals = VolunteerTeamPage.totals()
    assert totals["services"] == sum(
        VolunteerEventReport.objects.values_list("services_delivered", flat=True)
    )
