"""The joint-meeting route: agenda item in a draft, decision as a follow-up, never published."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseStatus, Route
from notices.models import FollowUpItem, JointMeetingPage
from tests.factories.cases import ReportFactory
from tests.factories.notices import JointMeetingIndexPageFactory, JointMeetingPageFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return JointMeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def case(clock, home_page, staff):
    case = ReportFactory().case
    home_page.community = case.community
    home_page.save()
    case.accept(staff)
    return case


def agenda_titles(meeting):
    draft = JointMeetingPage.objects.get(pk=meeting.pk).get_latest_revision_as_object()
    return [block.value["title"] for block in draft.agenda]


def test_without_a_coming_meeting_a_draft_is_created(index, case, staff):
    JointMeetingPageFactory(parent=index, meeting_date=datetime.date(2026, 10, 15))  # past
    case.route_to_meeting(staff, agenda_text="桂花街停车难")
    meeting = case.meeting_referral.meeting
    assert meeting.meeting_date == datetime.date(2026, 12, 15)
    assert not meeting.live and meeting.get_parent().pk == index.pk
    assert agenda_titles(meeting) == ["桂花街停车难"]
    assert (case.status, case.route, case.holder_label) == (
        CaseStatus.IN_HAND,
        Route.MEETING,
        meeting.title,
    )


def test_a_live_coming_meeting_gets_the_item_in_a_draft_only(index, case, staff):
    meeting = JointMeetingPageFactory(
        parent=index, meeting_date=NOW.date() + datetime.timedelta(days=3)
    )
    case.route_to_meeting(staff)
    meeting.refresh_from_db()
    assert meeting.live and meeting.has_unpublished_changes
    assert list(JointMeetingPage.objects.get(pk=meeting.pk).agenda) == []  # live content unchanged
    assert agenda_titles(meeting) == [case.title]
    assert case.meeting_referral.meeting.pk == meeting.pk


def test_the_decision_becomes_a_follow_up_that_survives_publishing_the_draft(index, case, staff):
    meeting = JointMeetingPageFactory(parent=index, meeting_date=NOW.date())
    case.route_to_meeting(staff)
    referral = case.meeting_referral
    with pytest.raises(ValidationError):
        referral.record_decision(staff, "", "业委会协会")
    referral.record_decision(staff, "新建停车位300个", "小区治理党支部", NOW.date())
    item = FollowUpItem.objects.get(case_referrals=referral)
    assert (item.page_id, item.compound, item.description) == (
        meeting.pk,
        case.compound,
        "新建停车位300个",
    )
    with pytest.raises(ValidationError):
        referral.record_decision(staff, "再来一次", "业委会协会")
    meeting.refresh_from_db()
    meeting.get_latest_revision().publish()  # as an editor would, after review
    assert FollowUpItem.objects.filter(pk=item.pk).exists()
    assert agenda_titles(meeting) == [case.title]


def test_no_meeting_section_is_a_clear_refusal(case, staff):
    with pytest.raises(ValidationError):
        case.route_to_meeting(staff)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
