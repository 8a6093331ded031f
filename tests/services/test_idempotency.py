"""A booking form sent twice (a reload after an error, a double tap) books once."""

import re
from unittest import mock

import pytest

from home.models import FormSubmission
from services import views
from services.models import Appointment

from .helpers import VALID_CONTACT, choose_service, choose_slot

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def open_contact_form(client, offering, slot):
    choose_service(client, offering)
    choose_slot(client, slot)
    page = client.get("/appointments/book/details/").content.decode()
    return TOKEN_RE.search(page).group(1)


def test_each_contact_form_gets_its_own_token(client, offering, slot):
    assert open_contact_form(client, offering, slot) != open_contact_form(client, offering, slot)


def test_resending_a_committed_booking_shows_the_first_and_takes_no_second_place(
    client, offering, slot
):
    slot.capacity = 1
    slot.save()
    token = open_contact_form(client, offering, slot)
    data = {**VALID_CONTACT, "form_token": token}
    first = client.post("/appointments/book/details/", data)
    assert first["Location"] == "/appointments/book/done/"
    again = client.post("/appointments/book/details/", data, follow=True)
    assert again.redirect_chain[-1][0] == "/appointments/book/done/"
    booking = Appointment.objects.get()
    assert booking.reference in again.content.decode()
    slot.refresh_from_db()
    assert slot.booked == 1
    assert FormSubmission.objects.get().target == booking


def test_an_error_after_the_commit_then_a_resend_books_once(client, offering, slot):
    token = open_contact_form(client, offering, slot)
    data = {**VALID_CONTACT, "form_token": token}
    client.raise_request_exception = False
    # The request fails after the booking was committed: the resident sees a 500 page,
    # and the session (with the draft) is not saved, so the form is still "in progress".
    with mock.patch.object(views.logger, "info", side_effect=RuntimeError("after commit")):
        assert client.post("/appointments/book/details/", data).status_code == 500
    again = client.post("/appointments/book/details/", data)
    assert again["Location"] == "/appointments/book/done/"
    assert Appointment.objects.count() == 1
    done = client.get("/appointments/book/done/").content.decode()
    assert Appointment.objects.get().reference in done


def test_a_form_shown_again_after_an_error_keeps_its_token(client, offering, slot):
    token = open_contact_form(client, offering, slot)
    response = client.post(
        "/appointments/book/details/", {**VALID_CONTACT, "consent": "", "form_token": token}
    )
    assert TOKEN_RE.search(response.content.decode()).group(1) == token


def test_without_a_token_a_booking_still_works(client, offering, slot):
    choose_service(client, offering)
    choose_slot(client, slot)
    response = client.post("/appointments/book/details/", VALID_CONTACT)
    assert response["Location"] == "/appointments/book/done/"
    assert Appointment.objects.count() == 1 and not FormSubmission.objects.exists()


def test_a_twin_tab_finishing_first_still_shows_the_first_booking(client, offering, slot):
    """Two tabs of one browser send the same form: the second checks for an earlier booking
    just before the first commits and clears the shared draft. It must still end on the first
    booking, not on step 1 (the draft it reads must be the one from before that check)."""
    from django.test import Client

    token = open_contact_form(client, offering, slot)
    data = {**VALID_CONTACT, "form_token": token}
    twin = Client()
    twin.cookies = client.cookies
    real_previous_result = views.idempotency.previous_result
    first_responses = []
    twin_sent = []

    def twin_finishes_meanwhile(scope, token):
        result = real_previous_result(scope, token)
        if not twin_sent:
            twin_sent.append(True)
            first_responses.append(twin.post("/appointments/book/details/", data))
        return result

    with mock.patch.object(views.idempotency, "previous_result", twin_finishes_meanwhile):
        second = client.post("/appointments/book/details/", data)
    assert first_responses[0]["Location"] == "/appointments/book/done/"
    assert second["Location"] == "/appointments/book/done/"
    assert Appointment.objects.count() == 1
    assert Appointment.objects.get().reference in client.get(second["Location"]).content.decode()
