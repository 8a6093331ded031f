"""Follow-up items past their due date are marked 逾期 N 天 and counted on the tracker."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client

from home.overdue import overdue_items
from home.roles import EDITORS
from notices.models import FollowUpItem
from tests.factories.home import city_level
from tests.factories.notices import FollowUpItemFactory, JointMeetingPageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def frozen(day=TODAY):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


@pytest.fixture
def items(meeting_index):
    meeting = JointMeetingPageFactory(parent=meeting_index)
    day = datetime.timedelta(days=1)
    with frozen():
        made = {
            "today": FollowUpItemFactory(page=meeting, due_date=TODAY, description="今天到期"),
            "yesterday": FollowUpItemFactory(
                page=meeting, due_date=TODAY - day, description="昨天到期"
            ),
            "sixty": FollowUpItemFactory(
                page=meeting, status="in_progress", due_date=TODAY - 60 * day, description="两月"
            ),
            "on_time": FollowUpItemFactory(
                page=meeting, status="resolved", due_date=TODAY - 10 * day, description="按时"
            ),
        }
    # Resolved on its date, and one resolved three days late (before today).
    FollowUpItem.objects.filter(pk=made["on_time"].pk).update(resolved_on=TODAY - 10 * day)
    with frozen(TODAY - 2 * day):
        made["late"] = FollowUpItemFactory(
            page=meeting, status="resolved", due_date=TODAY - 5 * day, description="迟办"
        )
    return {key: FollowUpItem.objects.get(pk=item.pk) for key, item in made.items()}


def test_boundary_due_today_yesterday_and_closed_late(items):
    with frozen():
        assert items["today"].days_overdue == 0
        assert items["yesterday"].days_overdue == 1
        assert items["sixty"].days_overdue == 60
        assert items["on_time"].days_overdue == 0
        # Resolved two days ago, three days after its date: late by three, for good.
        assert items["late"].resolved_on == TODAY - datetime.timedelta(days=2)
        assert items["late"].days_overdue == 3
    with frozen(TODAY + datetime.timedelta(days=30)):
        assert FollowUpItem.objects.get(pk=items["late"].pk).days_overdue == 3


def test_resolving_stamps_the_date_and_reopening_clears_it(items):
    item = items["today"]
    with frozen():
        item.status = "resolved"
        item.save()
        assert item.resolved_on == TODAY
        item.status = "open"
        item.save()
        assert item.resolved_on is None


def test_tracker_counts_match_the_records(client, meeting_index, items):
    meeting_index.save_revision().publish()
    with frozen():
        html = client.get(meeting_index.url + "follow-ups/").content.decode()
        expected = FollowUpItem.objects.overdue().count()
        assert expected == 2  # yesterday's and the sixty-day one; not today's, not resolved
        assert f'<span class="count">{expected}</span> 已逾期' in html
        assert "逾期 60 天" in html and "逾期 1 天" in html
        listed = client.get(meeting_index.url + "follow-ups/?status=overdue").content.decode()
        assert "两月" in listed and "昨天到期" in listed and "今天到期" not in listed


def test_editors_dashboard_lists_them(items, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.cn", "pw")
    # The panel, not the community scope, is under test here: every community's meetings.
    city_level(user).groups.add(Group.objects.get(name=EDITORS))
    user = django_user_model.objects.get(pk=user.pk)
    with frozen():
        listed = [(item.title, item.days) for item in overdue_items(user)]
        assert ("两月", 60) in listed and ("昨天到期", 1) in listed
        assert all(title not in ("今天到期", "迟办") for title, _days in listed)
        admin = Client()
        admin.force_login(user)
        html = admin.get("/admin/").content.decode()
    assert "两月" in html and "逾期 60 天" in html
