import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from home import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


def test_the_three_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.EDITORS, roles.MODERATORS, roles.STATION_STAFF} <= names
    # Wagtail's English-named defaults were adopted, not left beside ours.
    assert not names & {"Editors", "Moderators"}


def test_all_staff_groups_can_reach_the_admin():
    for name in (roles.EDITORS, roles.MODERATORS, roles.STATION_STAFF):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "access_admin" in codenames


def test_moderation_workflow_on_the_root_page():
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow is not None and workflow.name == roles.WORKFLOW_NAME and workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert [t.name for t in tasks] == [roles.APPROVAL_TASK_NAME]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.MODERATORS]
    assert Workflow.objects.filter(active=True).count() == 1


def test_editor_can_edit_but_not_publish(editor, home_page):
    permissions = home_page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_moderator_can_publish(moderator, home_page):
    assert home_page.permissions_for_user(moderator).can_publish()


def test_editors_get_directory_snippet_permissions():
    codenames = set(
        Group.objects.get(name=roles.EDITORS).permissions.values_list("codename", flat=True)
    )
    assert {"add_compound", "change_compound", "change_propertyfirm"} <= codenames
    assert "delete_compound" not in codenames


def test_admin_is_in_chinese_by_default(client):
    response = client.get("/admin/login/")
    assert "登录" in response.content.decode()
