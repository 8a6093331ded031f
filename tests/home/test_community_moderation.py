"""The 审核发布 workflow runs per community (issue 17).

A moderator of A (group 审核, staff of A) reviews A's pages only: B's submitted pages are not
in their queue nor on their dashboard, and approving one is refused, while a city-level
moderator reviews both. B's home is nested in A's, as on the real site.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Task, TaskState, Workflow

from home.models import CommunityGroupApprovalTask, CommunityStaff
from home.roles import APPROVAL_TASK_NAME, EDITORS, MODERATORS, WORKFLOW_NAME
from tests.factories.home import CommunityFactory, HomePageFactory, city_level
from tests.factories.notices import NoticeIndexPageFactory, NoticePageFactory


def _user(django_user_model, name, group, community=None):
    user = django_user_model.objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    if community is None:
        city_level(user)
    else:
        CommunityStaff.objects.create(user=user, community=community)
    return user


def _submitted_notice(home, letter, editor):
    index = NoticeIndexPageFactory(parent=home, slug=f"notices-{letter}")
    notice = NoticePageFactory(
        parent=index, title=f"{letter}待审通知", slug=f"pending-{letter}", live=False
    )
    notice.save_revision(user=editor)
    Workflow.objects.get(name=WORKFLOW_NAME).start(notice, editor)
    return notice, notice.current_workflow_task_state


@pytest.fixture
def review(db, django_user_model):
    community_a = CommunityFactory(name="甲社区", slug="jia")
    community_b = CommunityFactory(name="乙社区", slug="yi")
    home_a = HomePageFactory(parent=Page.get_first_root_node(), slug="jia", community=community_a)
    home_b = HomePageFactory(parent=home_a, title="乙社区", slug="yi", community=community_b)
    editor = _user(django_user_model, "editor", EDITORS)
    notice_a, state_a = _submitted_notice(home_a, "a", editor)
    notice_b, state_b = _submitted_notice(home_b, "b", editor)
    return {
        "a": (notice_a, state_a),
        "b": (notice_b, state_b),
        "moderator_a": _user(django_user_model, "moderator-a", MODERATORS, community_a),
        "city_moderator": _user(django_user_model, "city-moderator", MODERATORS),
    }


def _approve(client, page, state):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    return client.post(url, {"comment": ""})


def test_the_seeded_task_is_the_community_task(db):
    """The data migration switched the seeded task's type and kept its group."""
    task = Task.objects.get(name=APPROVAL_TASK_NAME).specific
    assert isinstance(task, CommunityGroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]


def test_moderator_approves_own_communitys_page_only(client, review):
    client.force_login(review["moderator_a"])
    notice_b, state_b = review["b"]
    assert _approve(client, notice_b, state_b).status_code in (403, 404)
    state_b.refresh_from_db()
    assert state_b.status == TaskState.STATUS_IN_PROGRESS
    notice_b.refresh_from_db()
    assert not notice_b.live

    notice_a, state_a = review["a"]
    assert _approve(client, notice_a, state_a).status_code == 302
    state_a.refresh_from_db()
    assert state_a.status == TaskState.STATUS_APPROVED
    notice_a.refresh_from_db()
    assert notice_a.live


def test_the_city_level_approves_any_community(client, review):
    client.force_login(review["city_moderator"])
    notice_b, state_b = review["b"]
    assert _approve(client, notice_b, state_b).status_code == 302
    state_b.refresh_from_db()
    assert state_b.status == TaskState.STATUS_APPROVED


def test_review_queue_and_dashboard_hold_only_own_community(client, review):
    moderator = review["moderator_a"]
    (notice_a, state_a), (notice_b, state_b) = review["a"], review["b"]
    queue = set(TaskState.objects.reviewable_by(moderator).values_list("pk", flat=True))
    assert queue == {state_a.pk}
    city_queue = TaskState.objects.reviewable_by(review["city_moderator"])
    assert {state_a.pk, state_b.pk} <= set(city_queue.values_list("pk", flat=True))
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert notice_a.title in dashboard
    assert notice_b.title not in dashboard


def test_the_task_refuses_another_communitys_page(review):
    """Checked on the task itself too: other views (the editor's action menu, locks) ask it."""
    task = Task.objects.get(name=APPROVAL_TASK_NAME).specific
    moderator = review["moderator_a"]
    notice_a, notice_b = review["a"][0], review["b"][0]
    assert task.get_actions(notice_b, moderator) == []
    assert task.locked_for_user(notice_b, moderator)
    assert not task.user_can_access_editor(notice_b, moderator)
    assert [name for name, _label, _modal in task.get_actions(notice_a, moderator)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert not task.locked_for_user(notice_a, moderator)
