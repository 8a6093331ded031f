"""What the booking form remembers between its steps, kept in the resident's session."""

from datetime import datetime, timedelta

from django.utils import timezone, translation

SESSION_KEY = "hemei_booking"
DONE_KEY = "hemei_booking_done"
ACCESS_KEY = "hemei_status_access"
# Contact fields kept when the resident steps back (never the honeypot, never the consent).
DRAFT_FIELDS = (
    "requester_name",
    "requester_phone",
    "booking_for",
    "beneficiary_name",
    "beneficiary_phone",
    "relationship",
    "compound",
    "building",
    "unit",
    "room",
    "priority_group",
    "accessibility_notes",
)
# A draft (name, phone, address typed before stepping back) is kept this long at most.
DRAFT_MAX_AGE = timedelta(days=1)


class BookingState:
    def __init__(self, request):
        self.session = request.session
        self.data = dict(self.session.get(SESSION_KEY, {}))

    def get(self, name, default=None):
        return self.data.get(name, default)

    def update(self, **values):
        self.data.update(values)
        self.session[SESSION_KEY] = self.data

    def keep_draft(self, post):
        draft = {name: post.get(name, "") for name in DRAFT_FIELDS}
        draft["accessibility_needs"] = post.getlist("accessibility_needs")
        self.update(draft=draft, draft_saved_at=timezone.now().isoformat())

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.data = {}


def purge_booking_drafts(max_age=DRAFT_MAX_AGE):
    """Remove drafts older than `max_age` from every stored session; return how many.

    Sessions live for two weeks; a draft holds a name, a phone number and maybe an address,
    so it must not outlive the booking attempt by that long. Only database-backed sessions
    can be searched; with other engines the draft expires with its session.
    """
    from django.conf import settings
    from django.contrib.sessions.models import Session

    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0
    now = timezone.now()
    Session.objects.filter(expire_date__lt=now).delete()
    purged = 0
    for session in Session.objects.filter(session_data__isnull=False).iterator():
        data = session.get_decoded()
        state = data.get(SESSION_KEY) or {}
        if "draft" not in state:
            continue
        saved = state.get("draft_saved_at")
        if saved and now - datetime.fromisoformat(saved) < max_age:
            continue
        state.pop("draft", None)
        state.pop("draft_saved_at", None)
        data[SESSION_KEY] = state
        Session.objects.filter(pk=session.pk).update(
            session_data=Session.get_session_store_class()().encode(data)
        )
        purged += 1
    return purged


def grant_status_access(session, appointment):
    """Let this browser see the status page of `appointment` (after booking or a look-up)."""
    allowed = [ref for ref in session.get(ACCESS_KEY, []) if ref != appointment.reference][-4:]
    session[ACCESS_KEY] = allowed + [appointment.reference]


def has_status_access(session, reference):
    return reference in session.get(ACCESS_KEY, [])


def create_appointment(form, offering, slot_id, mode):
    """Save a valid contact form as a request, taking a place in the slot (may raise SlotFull)."""
    from .models import Appointment, AppointmentEvent, Slot, Status

    data = form.cleaned_data
    slot = Slot.reserve(slot_id)
    appointment = Appointment.objects.create(
        offering=offering,
        station_id=slot.station_id,
        slot=slot,
        mode=mode,
        requester_name=data["requester_name"].strip(),
        requester_phone=data["requester_phone"],
        for_someone_else=form.for_someone_else,
        beneficiary_name=data["beneficiary_name"].strip(),
        beneficiary_phone=data["beneficiary_phone"],
        relationship=data["relationship"].strip(),
        compound=data["compound"],
        building=data["building"].strip(),
        unit=data["unit"].strip(),
        room=data["room"].strip(),
        priority_group=data["priority_group"],
        accessibility_needs=list(data["accessibility_needs"]),
        accessibility_notes=data["accessibility_notes"].strip(),
        consent_given_at=timezone.now(),
        language=translation.get_language() or "zh-hans",
    )
    AppointmentEvent.objects.create(
        appointment=appointment, to_status=Status.SUBMITTED, by_resident=True
    )
    return appointment
