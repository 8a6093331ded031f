"""Model rules: the firm of the date, validation, the re-check transitions and the overdue
rule at its boundary (frozen clock)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from inspections.models import Inspection, InspectionEvent, TransitionRefused, firm_serving
from tests.factories.home import PropertyFirmFactory
from tests.factories.inspections import InspectionFactory, TrainingAttendanceFactory
from tests.factories.rankings import ServicePeriodFactory

pytestmark = pytest.mark.django_db


def test_the_firm_is_the_one_serving_the_compound_on_that_date(compound, firm, community):
    successor = PropertyFirmFactory(community=community, name="江南物业")
    ServicePeriodFactory(
        compound=compound,
        firm=firm,
        start_month=datetime.date(2015, 1, 1),
        end_month=datetime.date(2026, 9, 1),
    )
    ServicePeriodFactory(compound=compound, firm=successor, start_month=datetime.date(2026, 10, 1))
    assert firm_serving(compound, datetime.date(2026, 9, 30)) == firm
    assert firm_serving(compound, datetime.date(2026, 10, 1)) == successor
    assert firm_serving(compound, datetime.date(2014, 6, 1)) is None

    inspection = Inspection(date=datetime.date(2026, 9, 10), compound=compound)
    inspection.full_clean(exclude=["firm"])
    assert inspection.firm == firm
    inspection.date = datetime.date(2026, 10, 10)
    inspection.full_clean(exclude=["firm"])
    assert inspection.firm == successor

    inspection.date = datetime.date(2014, 6, 1)
    with pytest.raises(ValidationError) as error:
        inspection.full_clean(exclude=["firm"])
    assert "compound" in error.value.message_dict


def test_a_compound_without_periods_is_served_by_its_directory_firm(compound, firm):
    assert firm_serving(compound, datetime.date(2000, 1, 1)) == firm


def test_validation_names_each_wrong_field(compound, frozen_today):
    inspection = Inspection(
        date=frozen_today + datetime.timedelta(days=1),
        compound=compound,
        by_owners_association=False,
        by_firms_association=False,
        by_party_branch=False,
    )
    with pytest.raises(ValidationError) as error:
        inspection.full_clean(exclude=["firm"])
    assert {"date", "by_firms_association"} <= set(error.value.message_dict)

    inspection = Inspection(
        date=frozen_today,
        compound=compound,
        rectification_deadline=frozen_today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        inspection.full_clean(exclude=["firm"])
    assert set(error.value.message_dict) == {"rectification_deadline"}


def test_status_follows_the_deadline_until_a_recheck(compound):
    inspection = InspectionFactory(compound=compound)
    assert inspection.status == Inspection.Status.NO_ACTION
    inspection.rectification_deadline = datetime.date(2026, 10, 19)
    inspection.save()
    assert inspection.status == Inspection.Status.RECTIFYING
    assert inspection.bodies  # the three bodies by default
    assert list(Inspection.objects.open()) == [inspection]


def test_recheck_proposed_by_an_editor_confirmed_by_a_moderator(
    compound, editor, moderator, frozen_today
):
    inspection = InspectionFactory(
        compound=compound, rectification_deadline=datetime.date(2026, 10, 19)
    )
    assert not inspection.can_decide_recheck(editor)
    inspection.propose_recheck(editor, datetime.date(2026, 10, 18), "rectified", "已清理")
    assert inspection.status == Inspection.Status.RECHECK_PROPOSED
    # An editor cannot confirm, not even their own proposal.
    with pytest.raises(TransitionRefused):
        inspection.decide_recheck(editor, confirm=True)
    # Nor propose again while one waits.
    with pytest.raises(TransitionRefused):
        inspection.propose_recheck(editor, datetime.date(2026, 10, 18), "rectified")
    inspection.decide_recheck(moderator, confirm=True, note="属实")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.RECTIFIED
    assert inspection.closed_on == datetime.date(2026, 10, 18)
    assert inspection.days_overdue() == 0
    events = list(inspection.events.values_list("action", "user_name", "status"))
    assert events == [
        ("recheck_proposed", "editor", "recheck_proposed"),
        ("recheck_confirmed", "moderator", "rectified"),
    ]
    # Confirmed is final: no second decision.
    with pytest.raises(TransitionRefused):
        inspection.decide_recheck(moderator, confirm=False)


def test_a_rejected_recheck_makes_the_rectification_due_again(
    compound, editor, moderator, frozen_today
):
    inspection = InspectionFactory(
        compound=compound, rectification_deadline=datetime.date(2026, 10, 19)
    )
    inspection.propose_recheck(editor, datetime.date(2026, 10, 20), "rectified")
    inspection.decide_recheck(moderator, confirm=False, note="照片不符")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.RECTIFYING
    assert inspection.recheck_on is None
    assert inspection.events.last().action == InspectionEvent.Action.RECHECK_REJECTED
    assert inspection.days_overdue() == (frozen_today - datetime.date(2026, 10, 19)).days


def test_nothing_to_recheck_and_dates_out_of_range_are_refused(compound, editor, frozen_today):
    clean = InspectionFactory(compound=compound)
    with pytest.raises(TransitionRefused):
        clean.propose_recheck(editor, frozen_today, "rectified")
    due = InspectionFactory(compound=compound, rectification_deadline=frozen_today)
    with pytest.raises(TransitionRefused):
        due.propose_recheck(editor, frozen_today + datetime.timedelta(days=1), "rectified")
    with pytest.raises(TransitionRefused):
        due.propose_recheck(editor, due.date - datetime.timedelta(days=1), "rectified")
    assert not due.events.exists()


def test_a_not_rectified_recheck_stays_open_and_overdue(compound, editor, moderator, frozen_today):
    inspection = InspectionFactory(
        compound=compound, rectification_deadline=datetime.date(2026, 10, 19)
    )
    inspection.propose_recheck(editor, datetime.date(2026, 10, 21), "not_rectified")
    inspection.decide_recheck(moderator, confirm=True)
    assert inspection.status == Inspection.Status.NOT_RECTIFIED
    assert inspection.is_open
    assert list(Inspection.objects.overdue()) == [inspection]
    # A second re-check may follow.
    assert inspection.can_propose_recheck(editor)


@pytest.mark.parametrize(
    "deadline,expected",
    [
        (datetime.date(2026, 11, 20), 0),  # due today: not overdue
        (datetime.date(2026, 11, 19), 1),  # due yesterday: one day
        (datetime.date(2026, 11, 21), 0),
    ],
)
def test_overdue_at_the_boundary(compound, frozen_today, deadline, expected):
    inspection = InspectionFactory(
        compound=compound, date=datetime.date(2026, 11, 2), rectification_deadline=deadline
    )
    assert inspection.days_overdue() == expected
    assert Inspection.objects.overdue().exists() is bool(expected)


def test_closed_late_stays_late_by_the_days_it_was_late(compound, frozen_today):
    inspection = InspectionFactory(
        compound=compound,
        date=datetime.date(2026, 10, 1),
        rectification_deadline=datetime.date(2026, 10, 10),
    )
    Inspection.objects.filter(pk=inspection.pk).update(
        status=Inspection.Status.RECTIFIED, recheck_on=datetime.date(2026, 10, 13)
    )
    inspection.refresh_from_db()
    assert inspection.days_overdue() == 3
    assert not Inspection.objects.overdue().exists()


def test_attendance_and_staff_count_must_agree(firm):
    with pytest.raises(ValidationError):
        TrainingAttendanceFactory.build(firm=firm, attended=True, staff_count=0).clean()
    with pytest.raises(ValidationError):
        TrainingAttendanceFactory.build(firm=firm, attended=False, staff_count=2).clean()
    TrainingAttendanceFactory.build(firm=firm, attended=False, staff_count=0).clean()
