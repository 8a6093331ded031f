"""Residents' texts: queued after the commit, sent once, naming who holds the case; surveys."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from cases import notifications
from cases.models import CaseEvent, CaseStatus, SatisfactionSurvey
from tests.factories.cases import CaseSupportFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(clock):
    return ReportFactory(reporter_mobile="13812345678")


def test_each_status_change_texts_the_reporter_after_the_commit(
    report, staff, recorded_sms, django_capture_on_commit_callbacks
):
    case = report.case
    CaseSupportFactory(case=case, mobile="13900000000")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case.accept(staff)
        assert recorded_sms == []  # nothing is sent inside the transaction
    # One notification for the change (the other callbacks retire kept fragments).
    notifying = [c for c in callbacks if "enqueue_notification" in c.__qualname__]
    assert len(notifying) == 1
    with django_capture_on_commit_callbacks(execute=True):
        case.route_to_firm(staff)
        case.transfer(staff, "区住建局物业科")
        case.add_note(staff, "内部备注")  # staff-only: no text
    phones = [phone for phone, _message in recorded_sms]
    assert phones == ["13812345678", "13900000000"] * 3
    accepted, routed, transferred = (recorded_sms[i][1] for i in (0, 2, 4))
    assert report.display_reference in accepted and case.community.name in accepted
    assert case.compound.property_firm.name in routed
    assert "区住建局物业科" in transferred and case.public_number in recorded_sms[5][1]


def test_a_retried_task_does_not_text_twice(report, staff, recorded_sms):
    event = report.case.accept(staff)
    assert notifications.notify_case_event(event.pk, [report.pk], []) == 1
    assert notifications.notify_case_event(event.pk, [report.pk], []) == 0
    assert len(recorded_sms) == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_text_is_only_queued(report, staff, recorded_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report.case.accept(staff)
    assert recorded_sms == []
    # The case is also a search result: its index update is queued beside the text.
    task = DBTaskResult.objects.get(task_path="cases.tasks.notify_case_event")
    assert "13812345678" not in str(task.args_kwargs)


def test_merged_reporters_are_told_the_case_that_holds_it_now(
    staff, recorded_sms, django_capture_on_commit_callbacks, clock
):
    target = ReportFactory().case
    moved = ReportFactory(case__compound=target.compound, reporter_mobile="13811112222")
    with django_capture_on_commit_callbacks(execute=True):
        moved.case.merge_into(target, staff)
    assert [phone for phone, _m in recorded_sms] == ["13811112222"]
    assert target.public_number in recorded_sms[0][1]


def test_english_reports_are_texted_in_english(report, staff, recorded_sms):
    report.language = "en"
    report.save()
    event = report.case.accept(staff)
    notifications.notify_case_event(event.pk, [report.pk], [])
    assert recorded_sms[0][1].startswith("Hemei Community:")


def test_resolution_sends_one_survey_link_per_reporter(
    report, staff, recorded_sms, django_capture_on_commit_callbacks
):
    case = report.case
    case.accept(staff)
    case.route_to_firm(staff)
    with django_capture_on_commit_callbacks(execute=True):
        case.resolve(staff, "已修好")
    survey = SatisfactionSurvey.objects.get()
    assert survey.report == report and survey.sent_at is not None
    assert any(f"/reports/survey/{survey.token}/" in message for _p, message in recorded_sms)
    assert notifications.send_survey(survey.pk) is False  # once only


# Satisfaction (满意度回访) -------------------------------------------------------------------


@pytest.fixture
def survey(report, staff):
    case = report.case
    case.accept(staff)
    case.route_to_firm(staff)
    case.resolve(staff, "已修好")
    return case.surveys.get()


def test_not_fixed_reopens_the_case(survey):
    survey.record_answer(fixed=False, score=2, comment="还是坏的")
    case = survey.case
    case.refresh_from_db()
    assert (case.status, case.reopened_count) == (CaseStatus.IN_HAND, 1)
    last = case.events.order_by("-pk").first()
    assert last.actor == CaseEvent.Actor.RESIDENT and last.from_status == CaseStatus.RESOLVED


def test_fixed_keeps_the_case_resolved_and_a_survey_is_answered_once(survey):
    survey.record_answer(fixed=True, score=5)
    survey.case.refresh_from_db()
    assert survey.case.status == CaseStatus.RESOLVED
    with pytest.raises(ValidationError):
        survey.record_answer(fixed=False)


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_outside_1_to_5_is_refused(survey, score):
    with pytest.raises(ValidationError):
        survey.record_answer(fixed=True, score=score)
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_satisfaction_per_firm_and_per_month(survey, staff, clock):
    survey.record_answer(fixed=True, score=4)
    other = ReportFactory(case__compound=survey.case.compound)
    case = other.case
    case.accept(staff)
    case.route_to_firm(staff)
    case.resolve(staff, "已处理")
    case.surveys.get().record_answer(fixed=False, score=1)
    firm = survey.case.compound.property_firm
    [row] = SatisfactionSurvey.objects.by_firm()
    assert (row["case__work_orders__firm_id"], row["answers"], row["fixed_count"]) == (
        firm.pk,
        2,
        1,
    )
    assert row["average_score"] == 2.5
    [month] = SatisfactionSurvey.objects.by_month()
    assert (month["month"].year, month["month"].month, month["answers"]) == (2026, 11, 2)
