"""Staff admin for cases: scoping (404 outside one's community or firm), masking, the logged
detail view, steps through the forms, private photos, CSV export and the dashboard panel."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from cases.models import CaseAccess, CaseStatus, CaseTeamMember, FirmContact, ReportPhoto
from cases.roles import CASE_STAFF, FIRM_CONTACTS
from tests.factories.cases import ReportFactory

pytestmark = pytest.mark.django_db


def member_of(user, group_name):
    user.groups.add(Group.objects.get(name=group_name))
    return user


def assert_refused(response):
    """Wagtail turns a PermissionDenied into a redirect to the dashboard with a message."""
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


@pytest.fixture
def report(clock):
    return ReportFactory(reporter_name="王小明", reporter_mobile="13812345678")


@pytest.fixture
def other_report(clock):
    return ReportFactory(reporter_mobile="13900001111")  # another community


@pytest.fixture
def case_staff(django_user_model, report):
    user = member_of(
        django_user_model.objects.create_user("zhao", "z@example.cn", "pw-1234567"), CASE_STAFF
    )
    CaseTeamMember.objects.create(user=user, community=report.case.community)
    return user


@pytest.fixture
def firm_contact(django_user_model, report):
    user = member_of(
        django_user_model.objects.create_user("firm", "f@example.cn", "pw-1234567"), FIRM_CONTACTS
    )
    FirmContact.objects.create(user=user, firm=report.case.compound.property_firm)
    return user


def test_staff_see_their_community_masked_and_nothing_else(
    client, case_staff, report, other_report
):
    client.force_login(case_staff)
    response = client.get(reverse("cases_admin:list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert report.case.public_number in text and other_report.case.public_number not in text
    assert "13812345678" not in text and "王小明" not in text
    assert "138****5678" in text and "王**" in text
    assert client.get(reverse("cases_admin:detail", args=[other_report.case.pk])).status_code == 404
    assert (
        client.get(reverse("cases_admin:reporters", args=[other_report.case.pk])).status_code == 404
    )
    detail = client.get(reverse("cases_admin:detail", args=[report.case.pk])).content.decode()
    assert "13812345678" not in detail


def test_staff_without_a_community_are_refused(client, django_user_model, report):
    user = member_of(
        django_user_model.objects.create_user("nobody", "n@example.cn", "pw-1234567"), CASE_STAFF
    )
    client.force_login(user)
    assert_refused(client.get(reverse("cases_admin:list")))
    assert_refused(client.get(reverse("cases_admin:detail", args=[report.case.pk])))


def test_the_reporters_view_shows_the_number_and_logs_the_opening(client, case_staff, report):
    client.force_login(case_staff)
    response = client.get(reverse("cases_admin:reporters", args=[report.case.pk]))
    assert "13812345678" in response.content.decode() and "王小明" in response.content.decode()
    access = CaseAccess.objects.get()
    assert (access.user, access.case, access.action) == (case_staff, report.case, "view")


def test_staff_accept_and_route_through_the_forms(client, case_staff, report):
    client.force_login(case_staff)
    url = reverse("cases_admin:detail", args=[report.case.pk])
    response = client.post(
        url, {"action": "accept", "accept-due_date": "2026-11-20", "accept-note": ""}
    )
    assert response.status_code == 302
    response = client.post(url, {"action": "route-firm", "route-firm-note": "请处理"})
    assert response.status_code == 302
    case = report.case
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_HAND and case.work_orders.count() == 1


def test_a_refused_step_says_why_and_changes_nothing(client, case_staff, report):
    client.force_login(case_staff)
    url = reverse("cases_admin:detail", args=[report.case.pk])
    response = client.post(url, {"action": "accept", "accept-due_date": "2020-01-01"})
    assert response.status_code == 400 and "past" in response.content.decode()
    # A step the case cannot take now is not offered, and posting it is a 404.
    assert client.post(url, {"action": "resolve", "resolve-outcome": "x"}).status_code == 404
    report.case.refresh_from_db()
    assert report.case.status == CaseStatus.RECEIVED


def test_photos_are_private_and_scoped(
    client, case_staff, report, other_report, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": "/private-media-not-served/"},
        },
    }
    from django.core.files.storage import storages

    storages._storages.pop("private", None)
    ours = ReportPhoto.objects.create(report=report, image=ContentFile(b"jpeg-bytes", name="a.jpg"))
    theirs = ReportPhoto.objects.create(report=other_report, image=ContentFile(b"x", name="b.jpg"))
    assert not str(ours.image.path).startswith(str(settings.MEDIA_ROOT))
    client.force_login(case_staff)
    response = client.get(reverse("cases_admin:photo", args=[ours.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"jpeg-bytes"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert client.get(reverse("cases_admin:photo", args=[theirs.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("cases_admin:photo", args=[ours.pk])).status_code == 302  # to login
    storages._storages.pop("private", None)


def test_export_masks_and_neutralises_formulas(client, case_staff, report):
    case = report.case
    case.title = '=HYPERLINK("http://evil")'
    case.save()
    client.force_login(case_staff)
    response = client.get(reverse("cases_admin:export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'
    assert "13812345678" not in response.content.decode() and "138****5678" in rows[1][14]
    assert CaseAccess.objects.get().action == "export"


def test_firm_contacts_answer_their_work_orders_only(
    client, firm_contact, report, other_report, staff
):
    for item in (report, other_report):
        item.case.accept(staff)
        item.case.route_to_firm(staff)
    ours, theirs = report.case.work_orders.get(), other_report.case.work_orders.get()
    client.force_login(firm_contact)
    listing = client.get(reverse("cases_admin:work_orders")).content.decode()
    assert report.case.public_number in listing and other_report.case.public_number not in listing
    assert client.get(reverse("cases_admin:work_order", args=[theirs.pk])).status_code == 404
    assert (
        client.post(
            reverse("cases_admin:work_order", args=[theirs.pk]), {"answer": "x"}
        ).status_code
        == 404
    )
    page = client.get(reverse("cases_admin:work_order", args=[ours.pk])).content.decode()
    assert "13812345678" not in page and "王小明" not in page
    response = client.post(
        reverse("cases_admin:work_order", args=[ours.pk]), {"answer": "已派人维修"}
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.answer == "已派人维修" and ours.answered_by == firm_contact
    # Cases themselves (with reporters) stay closed to them.
    assert_refused(client.get(reverse("cases_admin:list")))
    assert_refused(client.get(reverse("cases_admin:detail", args=[report.case.pk])))


def test_a_firm_that_no_longer_serves_the_compound_loses_its_work_orders(
    client, firm_contact, report, staff
):
    case = report.case
    case.accept(staff)
    case.route_to_firm(staff)
    order = case.work_orders.get()
    compound = case.compound
    compound.property_firm = None
    compound.save()
    client.force_login(firm_contact)
    assert client.get(reverse("cases_admin:work_order", args=[order.pk])).status_code == 404


def test_the_dashboard_counts_overdue_cases(client, case_staff, report, clock):
    clock.shift(hours=30)
    client.force_login(case_staff)
    response = client.get(reverse("wagtailadmin_home"))
    assert 'data-overdue="1"' in response.content.decode()
    assert (
        client.get(reverse("cases_admin:list") + "?overdue=true")
        .content.decode()
        .count(report.case.public_number)
        == 1
    )
