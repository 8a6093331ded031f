"""The .ics files, parsed back with the icalendar package."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories.volunteering import VolunteerEventPageFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    return Calendar.from_ical(response.content)


def test_event_ics_round_trips(client, event):
    event.what_to_bring = "血压计、志愿者马甲"
    event.save_revision().publish()
    calendar = parse(client.get(f"/volunteering/events/{event.pk}.ics"))
    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]).startswith(event.title)
    assert component.decoded("dtstart") == event.starts_at
    assert component.decoded("dtend") == event.ends_at
    assert "党群服务站门口" in str(component["location"])
    assert "血压计" in str(component["description"])
    assert str(component["url"]).endswith(event.url)
    assert str(component["uid"]) == f"volunteer-event-{event.translation_key}@hemei"


def test_feed_lists_only_upcoming_live_events(client, event_index, event, past_event):
    later = VolunteerEventPageFactory(
        parent=event_index, starts_at=timezone.now() + datetime.timedelta(days=30)
    )
    draft = VolunteerEventPageFactory(parent=event_index)
    draft.unpublish()
    calendar = parse(client.get("/volunteering/upcoming.ics"))
    uids = [str(c["uid"]) for c in calendar.walk("VEVENT")]
    assert uids == [
        f"volunteer-event-{event.translation_key}@hemei",
        f"volunteer-event-{later.translation_key}@hemei",
    ]


def test_english_event_ics_is_translated(client, event):
    from wagtail.models import Locale

    from home.demo_tools import ensure_translation

    english = ensure_translation(
        event, Locale.objects.get(language_code="en"), title="Health check-up"
    )
    calendar = parse(client.get(f"/en/volunteering/events/{english.pk}.ics"))
    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Health check-up (Health check-up)"
    assert "Organiser:" in str(component["description"])


def test_feed_follows_the_language(client, event):
    from wagtail.models import Locale

    from home.demo_tools import ensure_translation

    english = ensure_translation(
        event, Locale.objects.get(language_code="en"), title="Health check-up"
    )
    zh = parse(client.get("/volunteering/upcoming.ics"))
    en = parse(client.get("/en/volunteering/upcoming.ics"))
    assert [str(c["summary"]) for c in zh.walk("VEVENT")] == [f"{event.title} (健康体检)"]
    assert [str(c["summary"]) for c in en.walk("VEVENT")] == [f"{english.title} (Health check-up)"]


def test_draft_event_has_no_calendar_file(client, event):
    event.unpublish()
    assert client.get(f"/volunteering/events/{event.pk}.ics").status_code == 404
