"""The team's figures are sums of records, never typed in."""

import re

import pytest

from services.models import VolunteerApplication, VolunteerTeamPage
from tests.factories.volunteering import (
    VolunteerApplicationFactory,
    VolunteerEventPageFactory,
    VolunteerEventReportFactory,
)

pytestmark = pytest.mark.django_db


def test_totals_are_computed_from_reports_and_approved_members(event_index, past_event):
    other = VolunteerEventPageFactory(parent=event_index)
    VolunteerEventReportFactory(event=past_event, services_delivered=120, people_helped=35)
    VolunteerEventReportFactory(event=other, services_delivered=80, people_helped=15)
    VolunteerApplicationFactory.create_batch(3)
    VolunteerApplicationFactory(status=VolunteerApplication.Status.PENDING)
    VolunteerApplicationFactory(status=VolunteerApplication.Status.DECLINED)

    assert VolunteerTeamPage.totals() == {
        "volunteers": 3,
        "services": 200,
        "people_helped": 50,
        "events_reported": 2,
    }


def test_totals_are_zero_without_records(db):
    assert VolunteerTeamPage.totals() == {
        "volunteers": 0,
        "services": 0,
        "people_helped": 0,
        "events_reported": 0,
    }


def test_team_page_shows_the_computed_totals(client, team_page, past_event):
    VolunteerEventReportFactory(event=past_event, services_delivered=1234, people_helped=56)
    VolunteerApplicationFactory.create_batch(7)
    html = client.get(team_page.url).content.decode()
    assert re.search(r"<dd>1[,\u00a0 ]?234</dd>", html)
    assert "<dd>56</dd>" in html
    assert "<dd>7</dd>" in html
