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


def test_the_tracker_and_the_meeting_page_link_the_follow_up_back_to_its_case(
    client, index, case, staff, django_assert_max_num_queries
):
    """Linked both ways: the case holds its follow-up, the follow-up names its case."""
    meeting = JointMeetingPageFactory(parent=index, meeting_date=NOW.date())
    case.route_to_meeting(staff)
    case.meeting_referral.record_decision(staff, "新建停车位300个", "小区治理党支部", NOW.date())
    meeting.refresh_from_db()
    meeting.get_latest_revision().publish()
    FollowUpItem.objects.create(
        page=meeting, description="清理楼道杂物", responsible_organisation="物业", sort_order=9
    )
    link = f'href="/reports/log/{case.public_number}/"'
    tracker = client.get(index.url + index.reverse_subpage("follow_ups"))
    page = client.get(meeting.url)
    for response in (tracker, page):
        html = response.content.decode()
        assert response.status_code == 200
        # Once in the table, once on the phone card.
        assert html.count(link) == 2
        row = html[html.index("清理楼道杂物") :]
        assert "/reports/log/" not in row[: row.index("</td>")]
    case.is_public = False
    case.save(update_fields=["is_public"])
    assert link not in client.get(meeting.url).content.decode()


def test_the_origins_hook_costs_one_statement_for_any_number_of_items(
    index, case, staff, django_assert_num_queries
):
    from cases.meetings import follow_up_origins

    meeting = JointMeetingPageFactory(parent=index, meeting_date=NOW.date())
    case.route_to_meeting(staff)
    case.meeting_referral.record_decision(staff, "新建停车位300个", "小区治理党支部")
    item = case.meeting_referral.follow_up
    extra = [
        FollowUpItem.objects.create(page=meeting, description=f"事项{n}", sort_order=n + 2)
        for n in range(5)
    ]
    with django_assert_num_queries(1):
        origins = follow_up_origins([item.pk] + [e.pk for e in extra])
    assert list(origins) == [item.pk]
    assert [o.url for o in origins[item.pk]] == [case.get_absolute_url()]
