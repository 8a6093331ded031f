"""Per-station scoping of appointment requests: staff of station A never reach station B's.

Requests hold names, mobiles and home addresses. Each member of the station-staff group
handles only the stations that list them as staff; supervisors and superusers handle all.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.roles import STATION_STAFF, STATION_SUPERVISORS
from services import notifications
from services.models import AppointmentEvent, PersonalDataAccess, ServiceStation, Status
from services.roles import SUPERVISE_STATIONS
from services.station_access import assignable_staff
from tests.factories.services import AppointmentFactory, ServiceStationFactory, SlotFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/appointments/"
SNIPPETS = "/admin/snippets/services/servicestation/"


@pytest.fixture
def other_station(offering):
    return ServiceStationFactory(offerings=[offering], name="宇众傲城党群服务站")


@pytest.fixture
def own_request(offering, station):
    return AppointmentFactory(
        offering=offering,
        slot=SlotFactory(station=station),
        requester_name="甲站居民",
        requester_phone="13800001111",
    )


@pytest.fixture
def other_request(offering, other_station):
    return AppointmentFactory(
        offering=offering,
        slot=SlotFactory(station=other_station),
        requester_name="乙站居民",
        requester_phone="13900009999",
        mode="home",
        building="7",
        room="702",
    )


def leaks(html, appointment):
    """Anything that would identify the other station's request in a page or a file."""
    return [
        value
        for value in (
            appointment.display_reference,
            appointment.requester_name,
            appointment.requester_phone,
            appointment.masked_phone,
        )
        if value in html
    ]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_staff_list_only_their_own_stations_requests(
    client, staff_user, own_request, other_request, other_station
):
    client.force_login(staff_user)
    response = client.get(QUEUE)
    html = response.content.decode()
    assert [a.pk for a in response.context["page_obj"]] == [own_request.pk]
    assert own_request.display_reference in html
    assert leaks(html, other_request) == []
    # The station filter offers only their own station ...
    assert other_station.name not in html
    # ... and asking for the other one by id is an invalid choice, not a back door.
    response = client.get(f"{QUEUE}?station={other_station.pk}")
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []
    assert leaks(response.content.decode(), other_request) == []


def test_staff_cannot_open_another_stations_request_and_views_are_still_logged(
    client, staff_user, own_request, other_request
):
    client.force_login(staff_user)
    response = client.get(f"{QUEUE}{other_request.pk}/")
    assert response.status_code == 404
    assert leaks(response.content.decode(), other_request) == []
    assert not PersonalDataAccess.objects.exists()

    response = client.get(f"{QUEUE}{own_request.pk}/")
    assert response.status_code == 200
    assert own_request.requester_phone in response.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.action, access.appointment) == (staff_user, "view", own_request)


def test_staff_cannot_change_another_stations_request(
    client, staff_user, own_request, other_request
):
    client.force_login(staff_user)
    response = client.post(f"{QUEUE}{other_request.pk}/", {"status": Status.CANCELLED})
    assert response.status_code == 404
    other_request.refresh_from_db()
    assert other_request.status == Status.SUBMITTED
    assert not AppointmentEvent.objects.filter(appointment=other_request).exists()
    assert not PersonalDataAccess.objects.exists()
    # Their own request they can move on.
    assert client.post(f"{QUEUE}{own_request.pk}/", {"status": Status.CONFIRMED}).status_code == 302


def test_staff_export_only_their_own_stations_requests(
    client, staff_user, own_request, other_request, other_station
):
    client.force_login(staff_user)
    response = client.get(f"{QUEUE}export/")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert [row[0] for row in rows[1:]] == [own_request.display_reference]
    assert leaks(response.content.decode("utf-8-sig"), other_request) == []
    assert PersonalDataAccess.objects.get(action="export").detail.startswith("1 rows")

    response = client.get(f"{QUEUE}export/?station={other_station.pk}")
    assert csv_rows(response)[1:] == []
    assert leaks(response.content.decode("utf-8-sig"), other_request) == []


@pytest.mark.parametrize("who", ["supervisor", "superuser"])
def test_supervisors_and_superusers_see_every_station(
    client, who, supervisor_user, admin_user, own_request, other_request, other_station
):
    client.force_login(supervisor_user if who == "supervisor" else admin_user)
    response = client.get(QUEUE)
    assert {a.pk for a in response.context["page_obj"]} == {own_request.pk, other_request.pk}
    filtered = client.get(f"{QUEUE}?station={other_station.pk}")
    assert [a.pk for a in filtered.context["page_obj"]] == [other_request.pk]
    assert client.get(f"{QUEUE}{other_request.pk}/").status_code == 200
    assert len(csv_rows(client.get(f"{QUEUE}export/"))) == 3


def test_staff_of_no_station_see_an_empty_queue_and_are_told_why(
    client, django_user_model, own_request
):
    user = django_user_model.objects.create_user("new-staff", password="pw-123456789")
    user.groups.add(Group.objects.get(name=STATION_STAFF))
    client.force_login(user)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []
    assert response.context["has_no_station"]
    assert leaks(response.content.decode(), own_request) == []
    assert client.get(f"{QUEUE}{own_request.pk}/").status_code == 404
    assert csv_rows(client.get(f"{QUEUE}export/"))[1:] == []


def test_being_listed_on_a_station_without_the_group_gives_no_access(
    client, django_user_model, station, own_request
):
    outsider = django_user_model.objects.create_user("outsider", password="pw-123456789")
    station.staff.add(outsider)
    station.save()
    client.force_login(outsider)
    for url in (QUEUE, f"{QUEUE}{own_request.pk}/", f"{QUEUE}export/"):
        assert client.get(url).status_code in (302, 403), url


def test_only_the_stations_own_staff_and_supervisors_can_be_assigned(
    django_user_model, staff_user, supervisor_user, station, other_station
):
    other_staff = django_user_model.objects.create_user("other-staff", password="pw")
    other_staff.groups.add(Group.objects.get(name=STATION_STAFF))
    other_station.staff.add(other_staff)
    other_station.save()
    assert set(assignable_staff(station)) == {staff_user, supervisor_user}
    assert set(assignable_staff(other_station)) == {other_staff, supervisor_user}


def test_assigning_another_stations_staff_member_is_refused(
    client, django_user_model, staff_user, own_request, other_station
):
    other_staff = django_user_model.objects.create_user("other-staff", password="pw")
    other_staff.groups.add(Group.objects.get(name=STATION_STAFF))
    other_station.staff.add(other_staff)
    other_station.save()
    client.force_login(staff_user)
    url = f"{QUEUE}{own_request.pk}/"
    client.post(url, {"status": Status.CONFIRMED})
    response = client.post(url, {"status": Status.ASSIGNED, "assigned_to": other_staff.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["assigned_to"]
    own_request.refresh_from_db()
    assert own_request.status == Status.CONFIRMED and own_request.assigned_to is None


def test_new_requests_of_a_station_without_staff_go_to_the_supervisors(
    django_user_model, supervisor_user, other_station
):
    supervisor_user.email = "zhuguan@example.cn"
    supervisor_user.save()
    elsewhere = django_user_model.objects.create_user("elsewhere", "elsewhere@example.cn", "pw")
    elsewhere.groups.add(Group.objects.get(name=STATION_STAFF))
    elsewhere_station = ServiceStationFactory()
    elsewhere_station.staff.add(elsewhere)
    elsewhere_station.save()
    assert notifications.staff_recipients(other_station) == ["zhuguan@example.cn"]


# -- who chooses the staff ----------------------------------------------------------------------


def station_form(station, **changes):
    data = {
        "name": station.name,
        "slug": station.slug,
        "compound": station.compound_id,
        "address": station.address,
        "phone": station.phone,
        "notification_email": "",
        "opening_hours": "",
        "off_hours_sessions": "",
        "directions": "",
        "is_active": "on",
        "slot_templates": inline_formset([]),
        "closures": inline_formset([]),
    }
    lists = {"offerings": [o.pk for o in station.offerings.all()]}
    for name, value in changes.items():
        (lists if isinstance(value, list) else data)[name] = value
    # Multiple-choice values go in as lists: nested_form_data would number them like formsets.
    return {**nested_form_data(data), **lists}


def test_staff_cannot_change_their_stations_staff_list(
    client, staff_user, supervisor_user, station
):
    client.force_login(staff_user)
    url = f"{SNIPPETS}edit/{station.pk}/"
    assert 'name="staff"' not in client.get(url).content.decode()
    response = client.post(
        url, station_form(station, staff=[staff_user.pk, supervisor_user.pk], phone="110")
    )
    assert response.status_code == 302, response.context["form"].errors
    saved = ServiceStation.objects.get(pk=station.pk)
    assert saved.phone == "110"  # the edit went through ...
    assert list(saved.staff.all()) == [staff_user]  # ... without the staff list


def test_staff_cannot_see_or_edit_another_station(client, staff_user, station, other_station):
    client.force_login(staff_user)
    listing = client.get(SNIPPETS).content.decode()
    assert station.name in listing and other_station.name not in listing
    for view in ("edit", "delete", "history", "usage", "inspect", "copy"):
        assert client.get(f"{SNIPPETS}{view}/{other_station.pk}/").status_code == 404, view
    phone = other_station.phone
    response = client.post(
        f"{SNIPPETS}edit/{other_station.pk}/",
        station_form(other_station, phone="110", is_active=False),
    )
    assert response.status_code == 404
    saved = ServiceStation.objects.get(pk=other_station.pk)
    assert (saved.phone, saved.is_active) == (phone, True)
    assert client.post(f"{SNIPPETS}delete/{other_station.pk}/").status_code == 404
    assert ServiceStation.objects.filter(pk=other_station.pk).exists()


def test_supervisors_and_superusers_edit_every_station(
    client, django_user_model, supervisor_user, station, other_station
):
    superuser = django_user_model.objects.create_superuser("root", "r@example.cn", "pw")
    for user in (supervisor_user, superuser):
        client.force_login(user)
        listing = client.get(SNIPPETS).content.decode()
        assert station.name in listing and other_station.name in listing
        assert client.get(f"{SNIPPETS}edit/{other_station.pk}/").status_code == 200


def test_supervisors_choose_a_stations_staff(client, supervisor_user, staff_user, other_station):
    assert supervisor_user.has_perm(SUPERVISE_STATIONS)
    assert not staff_user.has_perm(SUPERVISE_STATIONS)
    client.force_login(supervisor_user)
    url = f"{SNIPPETS}edit/{other_station.pk}/"
    assert 'name="staff"' in client.get(url).content.decode()
    response = client.post(url, station_form(other_station, staff=[staff_user.pk]))
    assert response.status_code == 302, response.context["form"].errors
    assert list(ServiceStation.objects.get(pk=other_station.pk).staff.all()) == [staff_user]


def test_the_roles_hold_the_right_permissions():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert "supervise_stations" in codenames(STATION_SUPERVISORS)
    assert "supervise_stations" not in codenames(STATION_STAFF)
    assert {"access_admin", "change_servicestation"} <= codenames(STATION_SUPERVISORS)
