"""Editors submit, moderators publish; scheduled publishing; previews of every page type."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from home import roles
from notices.models import NoticePage
from tests.factories.home import CompoundFactory, city_level
from tests.factories.notices import (
    FollowUpItemFactory,
    JointMeetingPageFactory,
    NoticePageFactory,
    WorkLetterItemFactory,
    WorkLetterPageFactory,
)

pytestmark = pytest.mark.django_db


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="pw")
    city_level(user).groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def draft_notice(notice_index):
    return NoticePageFactory(parent=notice_index, title="草稿通知", live=False)


def post_edit(client, page, title, action):
    url = f"/admin/pages/{page.pk}/edit/"
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title"] = title
    # The body's stream editor is drawn by JavaScript, so the HTML form lacks its fields.
    data.update(nested_form_data({"body": streamfield([])}))
    data[action] = "1"
    return client.post(url, data)


def test_editor_cannot_publish_a_notice_directly(client, django_user_model, draft_notice):
    client.force_login(staff(django_user_model, "editor", roles.EDITORS))
    response = post_edit(client, draft_notice, "编辑想直接发布", "action-publish")
    assert response.status_code == 302
    draft_notice.refresh_from_db()
    assert not draft_notice.live
    assert (
        draft_notice.get_latest_revision_as_object().title == "编辑想直接发布"
    )  # saved as a draft


def test_editor_submits_a_notice_into_moderation(client, django_user_model, draft_notice):
    client.force_login(staff(django_user_model, "editor", roles.EDITORS))
    post_edit(client, draft_notice, "请审核", "action-submit")
    draft_notice.refresh_from_db()
    assert not draft_notice.live
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(draft_notice.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME


def test_moderator_can_publish_a_notice(client, django_user_model, draft_notice):
    client.force_login(staff(django_user_model, "moderator", roles.MODERATORS))
    response = post_edit(client, draft_notice, "审核后发布", "action-publish")
    assert response.status_code == 302
    draft_notice.refresh_from_db()
    assert draft_notice.live and draft_notice.title == "审核后发布"


def test_edit_form_has_tabs_and_chinese_help_text(client, django_user_model, draft_notice):
    client.force_login(staff(django_user_model, "editor", roles.EDITORS))
    html = client.get(f"/admin/pages/{draft_notice.pk}/edit/").content.decode()
    for tab in ("内容", "类别与日期", "推广", "设置"):
        assert tab in html
    assert "面向全社区的通知请留空。" in html
    assert "通知有效的最后一天" in html


def test_target_compound_choices_are_those_of_the_page_locale(
    client, django_user_model, draft_notice
):
    from home.demo_tools import ensure_snippet_translation

    from .helpers import english

    compound = CompoundFactory(name="苗圃小区")
    ensure_snippet_translation(compound, english(), name="Miaopu")
    client.force_login(staff(django_user_model, "editor", roles.EDITORS))
    html = client.get(f"/admin/pages/{draft_notice.pk}/edit/").content.decode()
    assert "苗圃小区" in html and "Miaopu" not in html


def test_scheduled_notice_is_published_by_publish_scheduled(notice_index):
    notice = NoticePageFactory(parent=notice_index, title="定时发布的通知", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    notice.go_live_at = go_live
    notice.save_revision().publish()
    notice.refresh_from_db()
    assert not notice.live
    assert notice.approved_schedule

    call_command("publish_scheduled")
    notice.refresh_from_db()
    assert not notice.live  # not yet

    with time_machine.travel(go_live + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    notice.refresh_from_db()
    assert notice.live
    assert NoticePage.objects.live().filter(pk=notice.pk).exists()


def test_scheduled_expiry_unpublishes(notice_index):
    notice = NoticePageFactory(parent=notice_index, title="会过期下线的通知")
    notice.expire_at = timezone.now() + datetime.timedelta(days=1)
    notice.save_revision().publish()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        call_command("publish_scheduled")
    notice.refresh_from_db()
    assert not notice.live and notice.expired


def test_every_page_type_previews(
    home_page, notice_index, compound_index, letter_index, meeting_index
):
    compound = CompoundFactory()
    notice = NoticePageFactory(parent=notice_index, target_compounds=[compound])
    letter = WorkLetterPageFactory(parent=letter_index)
    WorkLetterItemFactory(page=letter)
    meeting = JointMeetingPageFactory(parent=meeting_index)
    FollowUpItemFactory(page=meeting, compound=compound)
    for page in (
        notice_index,
        notice,
        compound_index,
        letter_index,
        letter,
        meeting_index,
        meeting,
    ):
        page = page.specific
        page.title = page.title + "（预览）"
        response = page.make_preview_request()
        assert response.status_code == 200, page
        assert "（预览）" in response.rendered_content


def test_preview_shows_unsaved_follow_ups(meeting_index):
    from modelcluster.models import get_all_child_relations  # noqa: F401 - cluster API in use

    meeting = JointMeetingPageFactory(parent=meeting_index)
    meeting.follow_ups.add(
        FollowUpItemFactory.build(page=meeting, description="尚未保存的事项", status="open")
    )
    response = meeting.make_preview_request()
    assert "尚未保存的事项" in response.rendered_content
