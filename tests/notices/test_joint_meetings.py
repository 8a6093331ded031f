"""Joint-meeting records and the public follow-up tracker."""

import datetime

import pytest

from notices.models import FollowUpItem, JointMeetingIndexPage, JointMeetingPage
from tests.factories.home import CompoundFactory
from tests.factories.notices import (
    FollowUpItemFactory,
    JointMeetingPageFactory,
    MeetingAttendeeFactory,
)

from .helpers import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def compounds():
    miaopu = CompoundFactory(slug="miaopu", name="苗圃小区")
    guangdian = CompoundFactory(
        slug="guangdian-huayuan", name="广电花苑小区", community=miaopu.community
    )
    return miaopu, guangdian


@pytest.fixture
def meetings(meeting_index, compounds):
    miaopu, guangdian = compounds
    october = JointMeetingPageFactory(
        parent=meeting_index, title="十月联席会议", meeting_date=datetime.date(2026, 10, 15)
    )
    FollowUpItemFactory(page=october, compound=miaopu, status="open", description="苗圃门禁")
    FollowUpItemFactory(
        page=october, compound=guangdian, status="in_progress", description="广电电梯"
    )
    FollowUpItemFactory(page=october, compound=None, status="resolved", description="桂花街停车场")
    september = JointMeetingPageFactory(
        parent=meeting_index, title="九月联席会议", meeting_date=datetime.date(2026, 9, 15)
    )
    FollowUpItemFactory(page=september, compound=miaopu, status="resolved", description="苗圃路灯")
    FollowUpItemFactory(page=september, compound=guangdian, status="open", description="广电监控")
    draft = JointMeetingPageFactory(parent=meeting_index, title="草稿会议", live=False)
    FollowUpItemFactory(page=draft, compound=miaopu, status="open", description="草稿事项")
    return october, september, draft


def counts(response):
    return {status.value: count for status, count in response.context["counts"]}


def descriptions(response):
    return [item.description for item in response.context["items"].object_list]


def test_tracker_counts_follow_ups_of_live_meetings_by_status(client, meeting_index, meetings):
    response = client.get(meeting_index.url + "follow-ups/")
    assert response.status_code == 200
    assert counts(response) == {"open": 2, "in_progress": 1, "resolved": 2}
    assert response.context["total"] == 5
    assert "草稿事项" not in response.content.decode()
    # Open first, then in progress, then resolved.
    statuses = [item.status for item in response.context["items"].object_list]
    assert statuses == ["open", "open", "in_progress", "resolved", "resolved"]


def test_tracker_filters_by_status_and_compound(client, meeting_index, meetings):
    url = meeting_index.url + "follow-ups/"
    assert set(descriptions(client.get(url, {"status": "open"}))) == {"苗圃门禁", "广电监控"}
    assert set(descriptions(client.get(url, {"compound": "miaopu"}))) == {"苗圃门禁", "苗圃路灯"}
    assert descriptions(
        client.get(url, {"compound": "guangdian-huayuan", "status": "in_progress"})
    ) == ["广电电梯"]
    # The counts describe everything tracked, whatever the filter.
    assert counts(client.get(url, {"status": "open"}))["resolved"] == 2


@pytest.mark.parametrize(
    "params",
    [{"status": "done!"}, {"compound": "atlantis"}, {"page": "-1"}, {"status": ["open", "x"]}],
)
def test_tracker_bad_params_give_200_with_message(client, meeting_index, meetings, params):
    response = client.get(meeting_index.url + "follow-ups/", params)
    assert response.status_code == 200
    if "page" not in params:
        assert "部分筛选条件无法识别" in response.content.decode()


def test_tracker_table_is_accessible_and_linked_from_the_index(client, meeting_index, meetings):
    index_html = client.get(meeting_index.url).content.decode()
    assert f'href="{meeting_index.url}follow-ups/"' in index_html
    html = client.get(meeting_index.url + "follow-ups/").content.decode()
    assert '<caption id="follow-up-caption">5 项跟进事项</caption>' in html
    assert '<th scope="col">状态</th>' in html
    assert '<span class="label label-danger">待办</span>' in html  # text, not colour alone


def test_index_lists_meetings_newest_first_with_follow_up_counts(client, meeting_index, meetings):
    response = client.get(meeting_index.url)
    listed = list(response.context["meetings"].object_list)
    assert [m.title for m in listed] == ["十月联席会议", "九月联席会议"]
    assert (listed[0].follow_up_total, listed[0].follow_up_open) == (3, 2)
    assert (listed[1].follow_up_total, listed[1].follow_up_open) == (2, 1)


def test_meeting_page_shows_attendees_agenda_decisions_and_follow_ups(client, meetings):
    october = meetings[0]
    MeetingAttendeeFactory(
        page=october, role="party_branch", organisation="小区治理党支部", count=3
    )
    MeetingAttendeeFactory(
        page=october, role="property_firm", organisation="江南社区物业管理有限公司", count=2
    )
    october.agenda = [("item", {"title": "桂花街停车难", "raised_by": "业委会协会", "notes": ""})]
    october.decisions = [("decision", {"text": "建设两处停车场", "carried_by": "一致同意"})]
    october.save_revision().publish()
    html = client.get(october.url).content.decode()
    assert "小区治理党支部" in html and "江南社区物业管理有限公司" in html
    assert '<tfoot><tr><th scope="row" colspan="2">合计</th><td>5</td></tr></tfoot>' in html
    assert "桂花街停车难" in html and "建设两处停车场" in html
    assert html.index("苗圃门禁") < html.index("广电电梯") < html.index("桂花街停车场")


def test_tracker_in_english(client, meeting_index, meetings):
    translate(meetings[0], title="October joint meeting", slug=meetings[0].slug)
    response = client.get("/en/joint-meetings/follow-ups/")
    assert response.status_code == 200
    assert counts(response) == {"open": 1, "in_progress": 1, "resolved": 1}
    assert "Follow-up tracker" in response.content.decode()


def test_status_counts_are_one_query(meetings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        FollowUpItem.objects.all().status_counts()
    assert len(queries) == 1


def test_tree_rules(home_page, meeting_index):
    assert not JointMeetingIndexPage.can_create_at(home_page)
    assert JointMeetingPage.can_create_at(meeting_index)
    assert not JointMeetingPage.can_create_at(home_page)


def test_the_kept_tracker_follows_saves_and_keeps_filters_apart(client, meeting_index, meetings):
    """The tracker's body is kept rendered per filter and page (follow_up_tracker.html): a
    second view reads no follow-up item, a filtered view is not the unfiltered one, and a
    saved item shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = meeting_index.url + "follow-ups/"

    def view(params=None):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url, params or {}).content.decode()
        return html, [q for q in queries if "notices_followupitem" in q["sql"]]

    view()
    html, reads = view()
    assert reads == [] and "苗圃路灯" in html
    filtered, _reads = view({"status": "open"})
    assert "苗圃门禁" in filtered and "苗圃路灯" not in filtered
    item = FollowUpItem.objects.get(description="苗圃路灯")
    item.description = "苗圃路灯已修好"
    item.save()
    html, reads = view()
    assert reads and "苗圃路灯已修好" in html
