"""Volunteer personal data: service-station staff and superusers only, masked in lists."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from home.roles import EDITORS, MODERATORS, STATION_STAFF
from tests.factories.home import city_level
from tests.factories.volunteering import (
    VolunteerApplicationFactory,
    VolunteerEventReportFactory,
    VolunteerSignupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(event, past_event):
    signup = VolunteerSignupFactory(event=event, name="张秀英", mobile="13812345678")
    application = VolunteerApplicationFactory(name="李建国", mobile="13987654321")
    report = VolunteerEventReportFactory(event=past_event)
    return {"signup": signup, "application": application, "report": report}


def user_in(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw")
    city_level(user).groups.add(Group.objects.get(name=group_name))
    return user


def admin_urls(records):
    signup, application, report = records["signup"], records["application"], records["report"]
    return [
        reverse("volunteer_applications:index"),
        reverse("volunteer_applications:edit", args=[application.pk]),
        reverse("volunteer_applications:delete", args=[application.pk]),
        reverse("volunteer_signups:index"),
        reverse("volunteer_signups:edit", args=[signup.pk]),
        reverse("volunteer_reports:index"),
        reverse("volunteer_reports:edit", args=[report.pk]),
        reverse("volunteering_attendance_events"),
        reverse("volunteering_attendance", args=[signup.event_id]),
    ]


@pytest.mark.parametrize("group_name", [EDITORS, MODERATORS])
def test_editors_and_moderators_cannot_reach_volunteer_data(
    client, django_user_model, records, group_name
):
    client.force_login(user_in(django_user_model, group_name, "editor"))
    for url in admin_urls(records):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = response.content.decode()
        assert "张秀英" not in body and "13812345678" not in body, url
        assert "李建国" not in body and "13987654321" not in body, url
    # Nor may they post attendance.
    response = client.post(
        reverse("volunteering_attendance", args=[records["signup"].event_id]),
        {f"attended-{records['signup'].pk}": "yes"},
    )
    assert response.status_code in (302, 403)
    records["signup"].refresh_from_db()
    assert records["signup"].attended is None


def test_editor_admin_menu_has_no_volunteering(client, django_user_model, records):
    client.force_login(user_in(django_user_model, EDITORS, "editor"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("volunteer_signups:index") not in html
    assert reverse("volunteering_attendance_events") not in html


def test_anonymous_is_sent_to_login(client, records):
    for url in admin_urls(records):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_station_staff_see_masked_lists_and_full_edit_forms(client, django_user_model, records):
    client.force_login(user_in(django_user_model, STATION_STAFF, "staff"))
    for url in admin_urls(records):
        if "/delete/" in url:  # staff may not delete records (home.roles)
            continue
        assert client.get(url).status_code == 200, url

    signups = client.get(reverse("volunteer_signups:index")).content.decode()
    assert "138****5678" in signups and "张**" in signups
    assert "13812345678" not in signups and "张秀英" not in signups
    applications = client.get(reverse("volunteer_applications:index")).content.decode()
    assert "139****4321" in applications and "李**" in applications
    assert "13987654321" not in applications and "李建国" not in applications

    edit = client.get(
        reverse("volunteer_signups:edit", args=[records["signup"].pk])
    ).content.decode()
    assert "13812345678" in edit

    sheet = client.get(reverse("volunteering_attendance", args=[records["signup"].event_id]))
    sheet = sheet.content.decode()
    assert "张**" in sheet and "138****5678" in sheet
    assert "张秀英" not in sheet and "13812345678" not in sheet


def test_staff_cannot_add_sign_ups_behind_the_queue(client, django_user_model, records):
    client.force_login(user_in(django_user_model, STATION_STAFF, "staff"))
    assert client.get(reverse("volunteer_signups:add")).status_code in (302, 403)


def test_superuser_sees_everything(admin_client, records):
    for url in admin_urls(records):
        assert admin_client.get(url).status_code == 200, url


def test_staff_record_attendance(client, django_user_model, records, event):
    client.force_login(user_in(django_user_model, STATION_STAFF, "staff"))
    other = VolunteerSignupFactory(event=event)
    url = reverse("volunteering_attendance", args=[event.pk])
    response = client.post(
        url, {f"attended-{records['signup'].pk}": "yes", f"attended-{other.pk}": "no"}
    )
    assert response.status_code == 302
    records["signup"].refresh_from_db()
    other.refresh_from_db()
    assert records["signup"].attended is True and other.attended is False
    # A bogus value leaves the record alone rather than failing.
    client.post(url, {f"attended-{other.pk}": "maybe"})
    other.refresh_from_db()
    assert other.attended is None or other.attended is False


def test_public_pages_never_show_personal_data(client, records, event):
    html = client.get(event.url).content.decode()
    assert "张秀英" not in html and "13812345678" not in html and "138****5678" not in html


def test_page_usage_tab_does_not_list_sign_ups(client, django_user_model, records, event):
    from wagtail.models import ReferenceIndex

    from services.models import VolunteerApplication, VolunteerSignup

    client.force_login(user_in(django_user_model, EDITORS, "editor"))
    client.get(reverse("wagtailadmin_home"))  # admin viewsets register on first admin request
    assert not ReferenceIndex.is_indexed(VolunteerSignup)
    assert not ReferenceIndex.is_indexed(VolunteerApplication)
    records["signup"].save()  # saving is when Wagtail would index it
    records["application"].save()
    assert not ReferenceIndex.objects.filter(
        content_type__model__in=["volunteersignup", "volunteerapplication"]
    ).exists()
    response = client.get(reverse("wagtailadmin_pages:usage", args=[event.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "张**" not in body and "张秀英" not in body
    assert "活动报名" not in body  # not even that a sign-up exists


def test_staff_file_a_report_in_the_admin(client, django_user_model, past_event):
    from services.models import VolunteerEventReport

    client.force_login(user_in(django_user_model, STATION_STAFF, "staff"))
    response = client.post(
        reverse("volunteer_reports:add"),
        {
            "event": past_event.pk,
            "services_delivered": "88",
            "people_helped": "31",
            "summary": "为三十一位老人量血压。",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = VolunteerEventReport.objects.get()
    assert (report.event_id, report.services_delivered, report.people_helped) == (
        past_event.pk,
        88,
        31,
    )
