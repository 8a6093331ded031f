"""Booking drafts (name, phone, address) leave the sessions after a day (#14 finding 9)."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from home.models import FormSubmission
from services.booking import SESSION_KEY, purge_booking_drafts

from .helpers import VALID_CONTACT, choose_service, choose_slot

pytestmark = pytest.mark.django_db


def stored_state():
    return Session.objects.get().get_decoded().get(SESSION_KEY, {})


@pytest.fixture
def draft(client, offering, slot):
    choose_service(client, offering)
    choose_slot(client, slot)
    client.post("/appointments/book/details/", {**VALID_CONTACT, "back": "1"})
    assert stored_state()["draft"]["requester_phone"] == VALID_CONTACT["requester_phone"]
    return client


def age_draft(days):
    session = Session.objects.get()
    data = session.get_decoded()
    saved = timezone.now() - datetime.timedelta(days=days)
    data[SESSION_KEY]["draft_saved_at"] = saved.isoformat()
    session.session_data = Session.get_session_store_class()().encode(data)
    session.save()


def test_a_fresh_draft_is_kept(draft):
    assert purge_booking_drafts() == 0
    assert "draft" in stored_state()


def test_a_day_old_draft_is_removed_and_the_rest_of_the_session_stays(draft):
    age_draft(2)
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))
    state = stored_state()
    assert "draft" not in state and "draft_saved_at" not in state
    assert state["offering"]  # the booking steps themselves are not personal data
    assert VALID_CONTACT["requester_name"] not in str(Session.objects.get().get_decoded())


def test_old_form_tokens_are_purged(db):
    old = FormSubmission.objects.create(scope="booking", token="a" * 32)
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    FormSubmission.objects.create(scope="booking", token="b" * 32)
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))
    assert list(FormSubmission.objects.values_list("token", flat=True)) == ["b" * 32]
