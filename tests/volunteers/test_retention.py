"""purge_volunteer_personal_data(days): old personal data goes, the records still add up."""

import datetime

import pytest
from django.utils import timezone

from services.models import VolunteerApplication, VolunteerSignup, VolunteerTeamPage
from services.volunteering.models import purge_volunteer_personal_data
from tests.factories.volunteering import (
    VolunteerApplicationFactory,
    VolunteerEventPageFactory,
    VolunteerEventReportFactory,
    VolunteerSignupFactory,
)

pytestmark = pytest.mark.django_db


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_purge_clears_old_sign_ups_and_keeps_counts(event_index, event):
    old_event = VolunteerEventPageFactory(
        parent=event_index, starts_at=ago(200), ends_at=ago(200) + datetime.timedelta(hours=2)
    )
    recent_event = VolunteerEventPageFactory(
        parent=event_index, starts_at=ago(20), ends_at=ago(20) + datetime.timedelta(hours=2)
    )
    old = VolunteerSignupFactory(event=old_event, email="a@example.cn", attended=True)
    recent = VolunteerSignupFactory(event=recent_event)
    upcoming = VolunteerSignupFactory(event=event)
    VolunteerEventReportFactory(event=old_event, services_delivered=30, people_helped=12)

    result = purge_volunteer_personal_data(days=180)

    assert result["volunteer_signups"] == 1
    old.refresh_from_db()
    assert (old.name, old.mobile, old.email, old.anonymised) == ("", "", "", True)
    assert old.attended is True and old.status == VolunteerSignup.Status.CONFIRMED
    for kept in (recent, upcoming):
        kept.refresh_from_db()
        assert kept.name and kept.mobile and not kept.anonymised
    assert VolunteerTeamPage.totals()["services"] == 30
    # Running again finds nothing more to clear.
    assert purge_volunteer_personal_data(days=180)["volunteer_signups"] == 0


def test_purge_clears_stale_applications_but_keeps_active_members(db):
    Status = VolunteerApplication.Status
    member = VolunteerApplicationFactory(status=Status.APPROVED)
    declined_long_ago = VolunteerApplicationFactory(status=Status.DECLINED)
    declined_recently = VolunteerApplicationFactory(status=Status.DECLINED)
    left_long_ago = VolunteerApplicationFactory(status=Status.WITHDRAWN)
    forgotten = VolunteerApplicationFactory(status=Status.PENDING)
    VolunteerApplication.objects.filter(pk__in=[member.pk, forgotten.pk]).update(
        created_at=ago(400)
    )
    VolunteerApplication.objects.filter(pk__in=[declined_long_ago.pk, left_long_ago.pk]).update(
        reviewed_at=ago(400)
    )

    result = purge_volunteer_personal_data(days=365)

    assert result["volunteer_applications"] == 3
    cleared = set(VolunteerApplication.objects.filter(anonymised=True).values_list("pk", flat=True))
    assert cleared == {declined_long_ago.pk, left_long_ago.pk, forgotten.pk}
    assert (
        VolunteerApplication.objects.filter(pk__in=cleared).exclude(name="", mobile="").count() == 0
    )
    member.refresh_from_db()
    declined_recently.refresh_from_db()
    assert member.name and declined_recently.name
    assert VolunteerTeamPage.totals()["volunteers"] == 1


def test_purge_personal_data_command_covers_volunteers(event_index):
    from io import StringIO

    from django.core.management import call_command

    old_event = VolunteerEventPageFactory(
        parent=event_index, starts_at=ago(200), ends_at=ago(200) + datetime.timedelta(hours=2)
    )
    old = VolunteerSignupFactory(event=old_event)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    old.refresh_from_db()
    assert old.anonymised and old.mobile == ""
    assert "1 volunteer sign-up(s)" in out.getvalue()


def test_dry_run_counts_volunteer_data_and_changes_nothing(event_index):
    from io import StringIO

    from django.core.management import call_command

    old_event = VolunteerEventPageFactory(
        parent=event_index, starts_at=ago(200), ends_at=ago(200) + datetime.timedelta(hours=2)
    )
    old = VolunteerSignupFactory(event=old_event)
    VolunteerSignupFactory(event=old_event)
    stale = VolunteerApplicationFactory(status=VolunteerApplication.Status.PENDING)
    VolunteerApplication.objects.filter(pk=stale.pk).update(created_at=ago(400))
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert (
        "2 volunteer sign-up(s) and 1 volunteer application(s) would be anonymised."
        in out.getvalue()
    )
    old.refresh_from_db()
    stale.refresh_from_db()
    assert old.name and old.mobile and not old.anonymised
    assert stale.name and not stale.anonymised
