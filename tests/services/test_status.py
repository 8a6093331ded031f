"""The resident's status page: reference + last four digits, nothing leaked, rate-limited."""

import pytest
from django.test import Client

from services.models import Appointment, Slot, Status

pytestmark = pytest.mark.django_db

NOT_FOUND = "没有找到与这个预约号和手机号码相符的预约"


def lookup(client, reference, last_four):
    return client.post(
        "/appointments/status/", {"reference": reference, "phone_last_four": last_four}
    )


def test_reference_and_last_four_digits_open_the_status_page(client, appointment):
    response = lookup(client, appointment.display_reference.lower(), "5678")
    assert response["Location"] == f"/appointments/status/{appointment.reference}/"
    html = client.get(response["Location"]).content.decode()
    assert appointment.display_reference in html
    assert "已提交" in html
    # The status page shows no personal data.
    assert "13812345678" not in html and appointment.requester_name not in html


def test_wrong_phone_and_unknown_reference_get_the_same_answer(appointment):
    wrong_phone = lookup(Client(), appointment.reference, "0000")
    unknown = lookup(
        Client(), "ABCDEFGH" if appointment.reference != "ABCDEFGH" else "HGFEDCBA", "5678"
    )
    assert wrong_phone.status_code == unknown.status_code == 200
    assert NOT_FOUND in wrong_phone.content.decode()
    assert wrong_phone.context["form"].errors == unknown.context["form"].errors


def test_status_page_needs_a_lookup_in_this_browser(appointment):
    response = Client().get(f"/appointments/status/{appointment.reference}/")
    assert response["Location"] == "/appointments/status/"
    assert Client().get("/appointments/status/NOPE/cancel/")["Location"] == "/appointments/status/"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"phone_last_four": "5678"}, "reference", "请填写预约号。"),
        (
            {"reference": "ABC", "phone_last_four": "5678"},
            "reference",
            "预约号由 8 个字母和数字组成，请核对。",
        ),
        ({"reference": "ABCD-EFGH"}, "phone_last_four", "请填写手机号码的后四位。"),
        (
            {"reference": "ABCD-EFGH", "phone_last_four": "56a8"},
            "phone_last_four",
            "请填写 4 位数字。",
        ),
    ],
)
def test_lookup_form_errors(client, data, field, message):
    response = client.post("/appointments/status/", data)
    assert response.context["form"].errors[field] == [message]


def test_wrong_combinations_are_rate_limited_per_address(client, appointment, settings):
    settings.HEMEI_RATE_LIMITS = {"status-ip": (3, 900), "status-reference": (100, 900)}
    for n in range(3):
        assert lookup(client, f"ABCDEFG{n + 2}", "1111").status_code == 200
    blocked = lookup(client, appointment.reference, "5678")  # even the right answer
    assert blocked.status_code == 429
    assert "尝试次数过多" in blocked.content.decode()
    assert not blocked.has_header("Location")


def test_wrong_combinations_are_rate_limited_per_reference(appointment, settings):
    settings.HEMEI_RATE_LIMITS = {"status-reference": (2, 900)}
    for n in range(2):
        client = Client(REMOTE_ADDR=f"10.0.0.{n}")
        assert lookup(client, appointment.reference, "0000").status_code == 200
    assert lookup(Client(REMOTE_ADDR="10.0.0.99"), appointment.reference, "5678").status_code == 429


def test_resident_cancels_and_the_place_is_freed(client, appointment, slot):
    Slot.objects.filter(pk=slot.pk).update(booked=1)
    lookup(client, appointment.reference, "5678")
    url = f"/appointments/status/{appointment.reference}/cancel/"
    assert "确认取消" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == f"/appointments/status/{appointment.reference}/"
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED
    event = appointment.events.get(to_status=Status.CANCELLED)
    assert event.actor is None and event.by_resident
    slot.refresh_from_db()
    assert slot.booked == 0
    # A second cancel does nothing and does not crash.
    assert client.post(url).status_code == 302
    assert Appointment.objects.get().status == Status.CANCELLED


def test_anonymised_requests_cannot_be_looked_up(client, appointment):
    last_four = appointment.requester_phone[-4:]
    appointment.anonymise()
    assert NOT_FOUND in lookup(client, appointment.reference, last_four).content.decode()
