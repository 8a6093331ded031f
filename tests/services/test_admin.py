"""Staff side: the access rule, masking, audit log, status changes, filters and CSV export."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from services.models import AppointmentEvent, PersonalDataAccess, Status
from tests.factories.services import SlotFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/appointments/"


def test_editor_without_staff_group_sees_no_requests(client, editor_user, appointment):
    client.force_login(editor_user)
    assert client.get("/admin/").status_code == 200  # editors do reach the admin
    for url in (QUEUE, f"{QUEUE}{appointment.pk}/", f"{QUEUE}export/", f"{QUEUE}?status=submitted"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert appointment.requester_name not in response.content.decode()
    assert client.post(f"{QUEUE}{appointment.pk}/", {"status": "confirmed"}).status_code in (
        302,
        403,
    )
    assert appointment.events.count() == 0
    assert "/admin/appointments/" not in client.get("/admin/").content.decode()
    assert not PersonalDataAccess.objects.exists()


def test_anonymous_users_are_sent_to_login(client, appointment):
    assert "/admin/login/" in client.get(QUEUE)["Location"]


def test_staff_see_the_menu_item_and_the_queue_with_masked_phones(client, staff_user, appointment):
    client.force_login(staff_user)
    assert "/admin/appointments/" in client.get("/admin/").content.decode()
    html = client.get(QUEUE).content.decode()
    assert appointment.display_reference in html
    assert "138****5678" in html
    assert "13812345678" not in html
    # Listing is not a full view: nothing logged.
    assert not PersonalDataAccess.objects.exists()


def test_superuser_gets_in(admin_client, appointment):
    assert admin_client.get(QUEUE).status_code == 200


def test_detail_shows_the_full_number_and_logs_the_view(client, staff_user, appointment):
    client.force_login(staff_user)
    html = client.get(f"{QUEUE}{appointment.pk}/").content.decode()
    assert "13812345678" in html
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.action, access.appointment) == (staff_user, "view", appointment)
    client.get(f"{QUEUE}{appointment.pk}/")
    assert PersonalDataAccess.objects.count() == 2


def test_status_changes_are_logged_with_who_and_when(client, staff_user, appointment):
    client.force_login(staff_user)
    url = f"{QUEUE}{appointment.pk}/"
    assert client.post(url, {"status": Status.CONFIRMED, "note": "已电话确认"}).status_code == 302
    missing_assignee = client.post(url, {"status": Status.ASSIGNED})
    assert missing_assignee.status_code == 200
    assert "请选择" in missing_assignee.content.decode()
    assert (
        client.post(url, {"status": Status.ASSIGNED, "assigned_to": staff_user.pk}).status_code
        == 302
    )
    assert client.post(url, {"status": Status.DONE}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Status.DONE
    assert appointment.assigned_to == staff_user
    events = list(AppointmentEvent.objects.filter(appointment=appointment).exclude(from_status=""))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("submitted", "confirmed"),
        ("confirmed", "assigned"),
        ("assigned", "done"),
    ]
    assert all(e.actor == staff_user and e.created_at for e in events)
    assert events[0].note == "已电话确认"


def test_assigning_to_a_volunteer(client, staff_user, appointment):
    client.force_login(staff_user)
    url = f"{QUEUE}{appointment.pk}/"
    client.post(url, {"status": Status.CONFIRMED})
    client.post(url, {"status": Status.ASSIGNED, "assigned_volunteer": "志愿者小李"})
    appointment.refresh_from_db()
    assert (appointment.status, appointment.assigned_volunteer) == (Status.ASSIGNED, "志愿者小李")


def test_a_forbidden_transition_is_refused_without_a_crash(client, staff_user, appointment):
    client.force_login(staff_user)
    response = client.post(f"{QUEUE}{appointment.pk}/", {"status": Status.DONE})
    assert response.status_code == 200
    appointment.refresh_from_db()
    assert appointment.status == Status.SUBMITTED


def test_staff_cancellation_frees_the_place(client, staff_user, appointment, slot):
    slot.booked = 1
    slot.save()
    client.force_login(staff_user)
    client.post(f"{QUEUE}{appointment.pk}/", {"status": Status.CANCELLED})
    slot.refresh_from_db()
    assert slot.booked == 0


def test_queue_filters(client, staff_user, make_appointment, offering, station):
    later = timezone.localdate() + datetime.timedelta(days=5)
    at_station = make_appointment(requester_name="到站居民")
    at_home = make_appointment(
        slot=SlotFactory(station=station, mode="home", date=later), requester_name="上门居民"
    )
    confirmed = make_appointment(requester_name="已确认居民", status=Status.CONFIRMED)
    client.force_login(staff_user)

    def names(query):
        response = client.get(f"{QUEUE}?{query}")
        assert response.status_code == 200
        return {a.requester_name for a in response.context["page_obj"]}

    assert names("mode=home") == {"上门居民"}
    assert names("status=confirmed") == {"已确认居民"}
    assert names(f"station={station.pk}&offering={offering.pk}") == {
        "到站居民",
        "上门居民",
        "已确认居民",
    }
    assert names(f"date_from={at_home.slot.date}&date_to={at_home.slot.date}") == {"上门居民"}
    assert names(f"date_to={at_station.slot.date}") == {"到站居民", "已确认居民"}
    # Bad filter values show an error and no rows, never a 500.
    assert names("date_from=yesterday&status=nope&station=abc") == set()
    del confirmed


def test_queue_query_count_is_bounded(
    client, staff_user, make_appointment, django_assert_max_num_queries
):
    client.force_login(staff_user)
    for _n in range(3):
        make_appointment()
    client.get(QUEUE)
    with django_assert_max_num_queries(40) as small:
        client.get(QUEUE)
    for _n in range(20):
        make_appointment()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(QUEUE)


def test_csv_export_of_the_filtered_queue_is_masked_and_logged(
    client, staff_user, make_appointment
):
    make_appointment(requester_name="甲", requester_phone="13800001111", status=Status.CONFIRMED)
    make_appointment(requester_name="乙", requester_phone="13800002222")
    client.force_login(staff_user)
    response = client.get(f"{QUEUE}export/?status=confirmed")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][8] == "甲" and rows[1][9] == "138****1111"
    assert "13800001111" not in response.content.decode("utf-8-sig")
    access = PersonalDataAccess.objects.get()
    assert access.action == "export" and access.user == staff_user and "1 rows" in access.detail


def test_admin_says_sms_is_log_only(client, staff_user, appointment, settings):
    client.force_login(staff_user)
    assert "短信仅记录在日志中" in client.get(QUEUE).content.decode()
    settings.HEMEI_SMS_BACKEND = "tests.services.test_notifications.RecordingSmsBackend"
    assert "短信仅记录在日志中" not in client.get(QUEUE).content.decode()


def test_editors_cannot_reach_the_station_snippets(client, editor_user, station):
    client.force_login(editor_user)
    response = client.get("/admin/snippets/services/servicestation/")
    assert response.status_code in (302, 403)


def test_staff_edit_stations_with_slot_templates(client, staff_user, station):
    client.force_login(staff_user)
    assert (
        client.get(f"/admin/snippets/services/servicestation/edit/{station.pk}/").status_code == 200
    )


def test_queue_pages_survive_bad_page_numbers(client, staff_user, make_appointment, monkeypatch):
    from services import admin_views

    monkeypatch.setattr(admin_views, "PAGE_SIZE", 2)
    for _n in range(5):
        make_appointment()
    client.force_login(staff_user)
    for value, number in (("2", 2), ("abc", 1), ("0", 1), ("99999", 3)):
        response = client.get(f"{QUEUE}?status=submitted&p={value}")
        assert response.status_code == 200
        assert response.context["page_obj"].number == number
    # The page links keep the filters.
    assert "status=submitted&amp;p=2" in client.get(f"{QUEUE}?status=submitted").content.decode()
