"""iCalendar (.ics) output for volunteer events: one event, or a feed of upcoming ones."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODUCT_ID = "-//Hemei Community//Volunteer events//ZH"


def event_uid(event):
    """Stable across edits and shared by an event's translations: calendars update in place."""
    return f"volunteer-event-{event.translation_key}@hemei"


def event_component(event, request=None):
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    component.add("summary", f"{event.title} ({event.get_event_type_display()})")
    component.add("location", event.location)
    lines = []
    if event.audience:
        lines.append(_("Who it serves: %(audience)s") % {"audience": event.audience})
    if event.what_to_bring:
        lines.append(_("What to bring: %(items)s") % {"items": event.what_to_bring})
    lines.append(_("Organiser: %(organiser)s") % {"organiser": event.organiser})
    if event.body:
        lines.append(strip_tags(event.body))
    component.add("description", "\n".join(lines))
    url = event.get_full_url(request)
    if url:
        component.add("url", url)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def build_calendar(events, request=None, name=""):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for event in events:
        calendar.add_component(event_component(event, request))
    return calendar


def calendar_response(events, request, filename, name=""):
    body = build_calendar(events, request, name).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
