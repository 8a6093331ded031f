"""Booking: compound first and its station first; whom the service is for; second-person fields."""

import datetime

import pytest
from django.utils import timezone

from services.models import Appointment
from tests.factories.home import CompoundFactory
from tests.factories.services import ServiceStationFactory, SlotFactory

from .helpers import book, choose_service, choose_slot

pytestmark = pytest.mark.django_db


def test_done_and_status_pages_name_the_person_booked_for(client, offering, home_slot):
    compound = CompoundFactory(name="苗圃小区")
    book(
        client,
        offering,
        home_slot,
        mode="home",
        booking_for="other",
        beneficiary_name="王大爷",
        relationship="儿子",
        compound=compound.pk,
        building="3",
        room="501",
    )
    appointment = Appointment.objects.get()
    done = client.get("/appointments/book/done/").content.decode()
    status = client.get(f"/appointments/status/{appointment.reference}/").content.decode()
    for html in (done, status):
        assert "<dt>服务对象</dt>" in html
        # Masked as everywhere else a visitor sees a name; the full name never appears.
        assert f"{appointment.masked_beneficiary_name}（由您代为预约）" in html
        assert "王大爷" not in html
        assert "(儿子)" in html


def test_a_booking_for_oneself_says_so(client, offering, slot):
    book(client, offering, slot)
    done = client.get("/appointments/book/done/").content.decode()
    assert "<dt>服务对象</dt><dd>您本人</dd>" in done


def test_the_second_persons_fields_work_without_javascript_and_are_hidden_with_it(
    client, offering, slot
):
    choose_service(client, offering)
    choose_slot(client, slot)
    html = client.get("/appointments/book/details/").content.decode()
    # Present in the page (no JavaScript: the legend says when to fill them in) ...
    assert 'id="for-someone-else"' in html
    assert 'name="beneficiary_name"' in html
    assert "hidden" not in html.split('id="for-someone-else"')[1].split(">")[0]
    # ... and the script that hides them until "for someone else" is chosen is loaded.
    assert "services/booking.js" in html


def test_home_visit_times_say_that_any_station_visits_any_compound(client, offering, home_slot):
    choose_service(client, offering, mode="home")
    html = client.get("/appointments/book/time/").content.decode()
    assert "各服务站都可以上门服务社区内的任何小区" in html


def test_the_compound_comes_first_and_its_station_is_offered_first(client, offering, station):
    other_station = ServiceStationFactory(offerings=[offering], name="北路华府党群服务站")
    earlier_elsewhere = SlotFactory(
        station=other_station, date=timezone.localdate() + datetime.timedelta(days=1)
    )
    own = SlotFactory(station=station, date=timezone.localdate() + datetime.timedelta(days=3))
    step_one = client.get("/appointments/book/").content.decode()
    assert step_one.index('name="compound"') < step_one.index('name="offering"')

    response = client.post(
        "/appointments/book/",
        {"compound": station.compound.pk, "offering": offering.pk, "mode": "station"},
    )
    assert response.status_code == 302
    step_two = client.get("/appointments/book/time/")
    slots = step_two.context["form"].fields["slot"].choices
    assert [pk for pk, _label in slots][:2] == [own.pk, earlier_elsewhere.pk]
    assert "其可预约时间列在最前面" in step_two.content.decode()


def test_a_compound_without_its_own_station_is_told_any_station_serves_it(client, offering, slot):
    compound = CompoundFactory(name="金桂大厦")
    client.post(
        "/appointments/book/", {"compound": compound.pk, "offering": offering.pk, "mode": "station"}
    )
    html = client.get("/appointments/book/time/").content.decode()
    assert "金桂大厦没有提供这项服务的本小区服务站；下列服务站为所有小区服务。" in html
