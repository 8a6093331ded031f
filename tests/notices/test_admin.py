"""Every page type can be created and edited in the Wagtail admin, with its tabs."""

import pytest
from django.contrib.auth.models import Group

from home import roles
from tests.factories.home import CompoundFactory, city_level
from tests.factories.notices import (
    FollowUpItemFactory,
    JointMeetingPageFactory,
    NoticePageFactory,
    WorkLetterItemFactory,
    WorkLetterPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    city_level(user).groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model, parent",
    [
        ("noticepage", "notice_index"),
        ("workletterpage", "letter_index"),
        ("jointmeetingpage", "meeting_index"),
    ],
)
def test_editor_can_open_the_create_form(editor_client, request, model, parent):
    parent_page = request.getfixturevalue(parent)
    response = editor_client.get(f"/admin/pages/add/notices/{model}/{parent_page.pk}/")
    assert response.status_code == 200


def test_index_pages_can_be_added_under_a_fresh_home_page(admin_client, home_page):
    for model in (
        "noticeindexpage",
        "compoundindexpage",
        "workletterindexpage",
        "jointmeetingindexpage",
    ):
        response = admin_client.get(f"/admin/pages/add/notices/{model}/{home_page.pk}/")
        assert response.status_code == 200, model


def test_edit_forms_show_their_tabs_in_chinese(
    editor_client, letter_index, meeting_index, notice_index
):
    compound = CompoundFactory()
    letter = WorkLetterPageFactory(parent=letter_index)
    WorkLetterItemFactory(page=letter)
    meeting = JointMeetingPageFactory(parent=meeting_index)
    FollowUpItemFactory(page=meeting, compound=compound)
    notice = NoticePageFactory(parent=notice_index)
    expectations = {
        letter: ["提示函", "工作要求", "提示函所属月份的任意一天"],
        meeting: ["会议", "议程与决定", "跟进", "涉及全社区的事项请留空。"],
        notice: ["类别与日期", "置顶的通知排在所有通知之前。"],
    }
    for page, texts in expectations.items():
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        for text in texts:
            assert text in html, (page, text)


def test_follow_up_compound_choices_are_those_of_the_meeting_locale(meeting_index):
    from home.demo_tools import ensure_snippet_translation
    from notices.models import JointMeetingPage

    from .helpers import english

    compound = CompoundFactory(name="苗圃小区")
    english_compound = ensure_snippet_translation(compound, english(), name="Miaopu")
    meeting = JointMeetingPageFactory(parent=meeting_index)
    FollowUpItemFactory(page=meeting, compound=compound)
    form_class = JointMeetingPage.get_edit_handler().get_form_class()
    form = form_class(instance=meeting, for_user=None)
    formset = form.formsets["follow_ups"]
    # The compound is picked with a snippet chooser; the queryset is what validation accepts.
    for inline_form in [*formset.forms, formset.empty_form]:
        choices = inline_form.fields["compound"].queryset
        assert compound in choices and english_compound not in choices
