"""The three-step booking form: happy paths, every validation error, state between steps."""

import datetime

import pytest
from django.utils import timezone

from services.models import Appointment, AppointmentEvent, Slot, StationClosure, Status
from tests.factories.home import CompoundFactory
from tests.factories.services import SlotFactory

from .helpers import VALID_CONTACT, book, choose_service, choose_slot

pytestmark = pytest.mark.django_db


def errors_of(response):
    return response.context["form"].errors


def test_booking_at_the_station_creates_a_request_and_shows_the_reference(client, offering, slot):
    response = book(client, offering, slot)
    assert response.status_code == 302
    assert response["Location"] == "/appointments/book/done/"
    appointment = Appointment.objects.get()
    assert appointment.status == Status.SUBMITTED
    assert appointment.requester_phone == "13812345678"
    assert appointment.station == slot.station
    assert AppointmentEvent.objects.get().to_status == Status.SUBMITTED
    slot.refresh_from_db()
    assert slot.booked == 1
    page = client.get("/appointments/book/done/").content.decode()
    assert appointment.display_reference in page
    assert "接下来" in page  # "What happens next", in Chinese


def test_home_visit_for_an_elderly_parent_records_requester_and_beneficiary(
    client, offering, home_slot
):
    compound = CompoundFactory(name="苗圃小区")
    response = book(
        client,
        offering,
        home_slot,
        mode="home",
        booking_for="other",
        beneficiary_name="王大爷",
        relationship="儿子",
        beneficiary_phone="",
        compound=compound.pk,
        building="3",
        unit="2",
        room="501",
        priority_group="elderly",
        accessibility_needs=["hearing", "dialect"],
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.for_someone_else
    assert (appointment.requester_name, appointment.beneficiary_name) == ("王小明", "王大爷")
    assert (appointment.compound, appointment.building, appointment.unit, appointment.room) == (
        compound,
        "3",
        "2",
        "501",
    )
    assert appointment.priority_group == "elderly"
    assert appointment.accessibility_needs == ["hearing", "dialect"]


def test_phone_number_typed_with_spaces_and_country_code_is_accepted(client, offering, slot):
    book(client, offering, slot, requester_phone="+86 138-1234-5678")
    assert Appointment.objects.get().requester_phone == "13812345678"


def test_booking_for_oneself_keeps_nothing_about_a_second_person(client, offering, slot):
    book(client, offering, slot, beneficiary_name="不应保存", relationship="x", building="9")
    appointment = Appointment.objects.get()
    assert (appointment.beneficiary_name, appointment.relationship, appointment.building) == (
        "",
        "",
        "",
    )


# Step 1 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"mode": "station"}, "offering", "请选择一项服务。"),
        ({"offering": "999999", "mode": "station"}, "offering", "请从列出的服务中选择一项。"),
        ({"offering": "abc", "mode": "station"}, "offering", "请从列出的服务中选择一项。"),
        ({}, "mode", "请选择到服务站办理还是上门服务。"),
        ({"mode": "teleport"}, "mode", "请从列出的方式中选择一种。"),
    ],
)
def test_step_one_errors_are_shown_next_to_their_field_in_chinese(
    client, offering, station, data, field, message
):
    response = client.post("/appointments/book/", data)
    assert response.status_code == 200
    assert errors_of(response)[field] == [message]
    html = response.content.decode()
    assert f'id="field-{field}"' in html and message in html


def test_step_one_refuses_a_mode_the_service_does_not_offer(client, station_only_offering, station):
    response = client.post(
        "/appointments/book/", {"offering": station_only_offering.pk, "mode": "home"}
    )
    assert response.status_code == 200
    assert "不提供" in errors_of(response)["mode"][0]
    # The typed choice is kept.
    assert response.context["form"]["offering"].value() == str(station_only_offering.pk)


def test_step_one_lists_only_services_some_station_offers(
    client, services_index, station, offering
):
    from tests.factories.services import ServiceOfferingPageFactory

    lonely = ServiceOfferingPageFactory(parent=services_index, title="计生服务")
    html = client.get("/appointments/book/").content.decode()
    assert offering.title in html
    assert lonely.title not in html


def test_service_page_link_preselects_the_service(client, station, offering):
    response = client.get(f"/appointments/book/?offering={offering.pk}")
    assert response.context["form"]["offering"].value() == offering.pk
    assert client.get("/appointments/book/?offering=not-a-number").status_code == 200


# Step 2 -----------------------------------------------------------------------------------


def test_step_two_without_step_one_goes_back_to_step_one(client, station):
    assert client.get("/appointments/book/time/")["Location"] == "/appointments/book/"
    assert client.get("/appointments/book/details/")["Location"] == "/appointments/book/"


def test_step_two_offers_only_slots_with_room_in_the_mode_chosen(
    client, offering, station, slot, home_slot
):
    full = SlotFactory(station=station, capacity=1, booked=1, start_time=datetime.time(14, 0))
    far = SlotFactory(station=station, date=timezone.localdate() + datetime.timedelta(days=20))
    past = SlotFactory(station=station, date=timezone.localdate() - datetime.timedelta(days=1))
    choose_service(client, offering, "station")
    offered = {s.pk for s in client.get("/appointments/book/time/").context["slots"]}
    assert slot.pk in offered
    assert not offered & {full.pk, far.pk, past.pk, home_slot.pk}


def test_step_two_hides_slots_on_closure_days(client, offering, station, slot):
    StationClosure.objects.create(station=station, date=slot.date, reason="国庆")
    choose_service(client, offering)
    response = client.get("/appointments/book/time/")
    assert response.context["slots"] == []
    assert "14 天内" in response.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "请选择日期和时间。"),
        ({"slot": "999999"}, "这个时间已经约满了，请另选一个。"),
        ({"slot": "x"}, "这个时间已经约满了，请另选一个。"),
    ],
)
def test_step_two_errors(client, offering, slot, data, message):
    choose_service(client, offering)
    response = client.post("/appointments/book/time/", data)
    assert response.status_code == 200
    assert errors_of(response)["slot"] == [message]


# Step 3 -----------------------------------------------------------------------------------


@pytest.fixture
def at_step_three(client, offering, slot):
    choose_service(client, offering)
    choose_slot(client, slot)
    return client


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"requester_name": ""}, "requester_name", "请填写您的姓名。"),
        ({"requester_name": "名" * 51}, "requester_name", "姓名请不要超过 50 个字。"),
        ({"requester_phone": ""}, "requester_phone", "请填写您的手机号码。"),
        ({"requester_phone": "12812345678"}, "requester_phone", None),
        ({"requester_phone": "1381234567"}, "requester_phone", None),
        ({"requester_phone": "138123456789"}, "requester_phone", None),
        ({"requester_phone": "0827-5268011"}, "requester_phone", None),
        ({"booking_for": ""}, "booking_for", "请选择为谁预约。"),
        ({"booking_for": "other"}, "beneficiary_name", "请填写接受服务的人的姓名。"),
        (
            {"booking_for": "other", "beneficiary_name": "王大爷", "beneficiary_phone": "123"},
            "beneficiary_phone",
            None,
        ),
        ({"priority_group": ""}, "priority_group", "请选择一个优先群体，或选“以上都不是”。"),
        ({"priority_group": "vip"}, "priority_group", None),
        ({"accessibility_needs": ["jetpack"]}, "accessibility_needs", "请只勾选列出的选项。"),
        ({"accessibility_notes": "字" * 201}, "accessibility_notes", "这里请不要超过 200 个字。"),
        ({"consent": ""}, "consent", "请勾选同意隐私说明，否则我们无法为您预约。"),
    ],
)
def test_step_three_errors_next_to_field_in_chinese_and_input_kept(
    at_step_three, change, field, message
):
    data = {**VALID_CONTACT, **change}
    if not data["consent"]:
        del data["consent"]
    response = at_step_three.post("/appointments/book/details/", data)
    assert response.status_code == 200
    errors = errors_of(response)[field]
    assert len(errors) == 1
    if message:
        assert errors == [message]
    else:
        assert errors[0].startswith("请")
    html = response.content.decode()
    # The error sits inside the field's own wrapper, before the next field starts.
    wrapper = html.split(f'id="field-{field}"', 1)[1].split('class="form-field', 1)[0]
    assert errors[0].replace("“", "&ldquo;")[:6] in wrapper or errors[0][:6] in wrapper
    # What was typed is still there.
    if change.get("requester_phone"):
        assert f'value="{change["requester_phone"]}"' in html
    if data["requester_name"]:
        assert f'value="{data["requester_name"]}"' in html
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"compound": ""}, "compound", "请选择上门服务的小区。"),
        ({"compound": "999999"}, "compound", "请从列出的小区中选择。"),
        ({"building": ""}, "building", "请填写楼栋号。"),
        ({"room": ""}, "room", "请填写房号。"),
    ],
)
def test_home_visit_address_errors(client, offering, home_slot, change, field, message):
    compound = CompoundFactory()
    choose_service(client, offering, "home")
    choose_slot(client, home_slot)
    data = {**VALID_CONTACT, "compound": compound.pk, "building": "3", "room": "501", **change}
    response = client.post("/appointments/book/details/", data)
    assert errors_of(response)[field] == [message]


def test_honeypot_refuses_the_request(at_step_three):
    response = at_step_three.post(
        "/appointments/book/details/", {**VALID_CONTACT, "website": "http://spam"}
    )
    assert response.status_code == 200
    assert "未能提交" in response.content.decode()
    assert not Appointment.objects.exists()


def test_the_honeypot_is_hidden_from_people(at_step_three):
    html = at_step_three.get("/appointments/book/details/").content.decode()
    assert '<div class="honeypot" aria-hidden="true">' in html
    assert 'tabindex="-1"' in html.split('class="honeypot"', 1)[1]


def test_csrf_is_enforced(offering, slot):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert (
        client.post("/appointments/book/", {"offering": offering.pk, "mode": "station"}).status_code
        == 403
    )


def test_back_from_step_three_keeps_what_was_typed(at_step_three, slot):
    response = at_step_three.post(
        "/appointments/book/details/",
        {"requester_name": "王小明", "requester_phone": "1381234", "back": "1"},
    )
    assert response["Location"] == "/appointments/book/time/"
    # Step 2 remembers the slot, step 1 the service and mode.
    assert at_step_three.get("/appointments/book/time/").context["form"]["slot"].value() == slot.pk
    step_one = at_step_three.get("/appointments/book/").context["form"]
    assert step_one["mode"].value() == "station"
    html = at_step_three.get("/appointments/book/details/").content.decode()
    assert 'value="王小明"' in html and 'value="1381234"' in html


def test_the_last_place_taken_meanwhile_sends_the_resident_back_to_choose_again(
    at_step_three, slot
):
    Slot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
    response = at_step_three.post("/appointments/book/details/", VALID_CONTACT)
    assert response["Location"] == "/appointments/book/time/"
    assert not Appointment.objects.exists()
    follow = at_step_three.get("/appointments/book/time/")
    assert "请另选" in follow.content.decode()


def test_garbage_never_causes_a_server_error(client, offering, slot):
    for url in (
        "/appointments/book/",
        "/appointments/book/time/",
        "/appointments/book/details/",
        "/appointments/status/",
    ):
        response = client.post(
            url,
            {
                "offering": "'; drop",
                "mode": ["a", "b"],
                "slot": "-1",
                "reference": "\x00" * 30,
                "phone_last_four": "abcd",
            },
        )
        assert response.status_code < 500
    assert client.put("/appointments/book/").status_code == 405


def test_step_pages_say_which_step_they_are(at_step_three):
    html = at_step_three.get("/appointments/book/details/").content.decode()
    assert "第 3 步，共 3 步" in html
