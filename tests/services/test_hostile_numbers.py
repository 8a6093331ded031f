"""Full-width digits and huge integers in the booking and status forms (#14 findings 4, 9)."""

import pytest

from services.models import Appointment

from .helpers import VALID_CONTACT, choose_service, choose_slot

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("value", [HUGE, "²", "-1", "１"])
def test_hostile_offering_parameter_is_ignored(client, offering, value):
    response = client.get(f"/appointments/book/?offering={value}")
    assert response.status_code == 200


def test_huge_key_in_the_url_is_a_404(client):
    assert client.get(f"/volunteering/events/{HUGE}.ics").status_code == 404


def test_huge_keys_in_posted_choices_are_form_errors(client, offering, home_slot):
    response = client.post("/appointments/book/", {"offering": HUGE, "mode": "station"})
    assert response.status_code == 200
    assert "请从列出的服务中选择" in response.content.decode()
    choose_service(client, offering, "home")
    choose_slot(client, home_slot)
    response = client.post(
        "/appointments/book/details/",
        {**VALID_CONTACT, "compound": HUGE, "building": "1", "room": "101"},
    )
    assert response.status_code == 200
    assert "请从列出的小区中选择" in response.content.decode()
    assert not Appointment.objects.exists()


def test_full_width_last_four_finds_the_appointment(client, appointment):
    response = client.post(
        "/appointments/status/",
        {"reference": appointment.reference, "phone_last_four": "５６７８"},
    )
    assert response["Location"] == f"/appointments/status/{appointment.reference}/"


def test_full_width_reference_finds_the_appointment(client, appointment):
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in appointment.reference)
    response = client.post(
        "/appointments/status/", {"reference": full_width, "phone_last_four": "5678"}
    )
    assert response["Location"] == f"/appointments/status/{appointment.reference}/"


def test_a_stored_full_width_mobile_no_longer_breaks_the_look_up(client, appointment):
    Appointment.objects.filter(pk=appointment.pk).update(
        requester_phone="13８１２３４５６７８"[:11]
    )
    response = client.post(
        "/appointments/status/", {"reference": appointment.reference, "phone_last_four": "1234"}
    )
    assert response.status_code == 200  # not found, politely: the digits differ
    Appointment.objects.filter(pk=appointment.pk).update(requester_phone="1381234５６７８")
    response = client.post(
        "/appointments/status/", {"reference": appointment.reference, "phone_last_four": "5678"}
    )
    assert response["Location"] == f"/appointments/status/{appointment.reference}/"


@pytest.mark.parametrize("last_four", ["١٢٣٤", "12\x0034", "𝟙𝟚𝟛𝟜"])
def test_other_unicode_digits_are_refused_politely(client, appointment, last_four):
    response = client.post(
        "/appointments/status/",
        {"reference": appointment.reference, "phone_last_four": last_four},
    )
    assert response.status_code == 200
