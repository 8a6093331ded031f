"""Guessing URLs gets anonymous readers and editors nothing they may not see."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home import roles
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def station_staff(django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw")
    user.groups.add(Group.objects.get(name=roles.STATION_STAFF))
    return user


@pytest.fixture
def draft(home_page):
    page = home_page.add_child(
        instance=HomePage(title="未发布的通知", slug="draft-notice", live=False)
    )
    page.save_revision()
    return page


@pytest.fixture
def staff_only_document():
    """A document in a collection that only service-station staff may open."""
    collection = Collection.get_first_root_node().add_child(name="服务站内部")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=roles.STATION_STAFF))
    document = Document(title="预约登记表", collection=collection)
    document.file.save("appointments.csv", ContentFile("姓名,电话\n张三,13800000000\n"), save=True)
    return document


@pytest.fixture
def login_only_document():
    collection = Collection.get_first_root_node().add_child(name="工作人员")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="值班表", collection=collection)
    document.file.save("rota.txt", ContentFile("值班"), save=True)
    return document


def is_refused(response):
    """A 403/404, or a redirect to a sign-in page."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/pages/", "/admin/users/", "/admin/documents/", "/django-admin/"]
)
def test_anonymous_readers_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "login" in response["Location"]


def test_editors_cannot_reach_user_accounts_or_the_django_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200  # they do have the admin
    for path in ("/admin/users/", "/admin/groups/", "/django-admin/", "/django-admin/auth/user/"):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:  # to the sign-in page or the dashboard, never the list
            assert response["Location"] != path


def test_a_draft_page_url_is_not_found(client, editor, draft):
    assert client.get("/draft-notice/").status_code == 404
    client.force_login(editor)  # signed in or not, the public URL serves only live pages
    assert client.get("/draft-notice/").status_code == 404


def test_previews_and_draft_views_need_sign_in(client, draft):
    for path in (
        f"/admin/pages/{draft.pk}/view_draft/",
        f"/admin/pages/{draft.pk}/edit/preview/",
        f"/admin/pages/{draft.pk}/edit/",
        f"/admin/pages/{draft.pk}/revisions/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path


def test_a_draft_is_not_in_search_results(client, draft):
    assert 'href="/draft-notice/"' not in client.get("/search/?q=未发布的通知").content.decode()


def test_a_private_page_asks_for_sign_in_and_is_not_searchable(client, home_page, editor):
    page = home_page.add_child(instance=HomePage(title="内部工作页", slug="internal"))
    page.save_revision().publish()
    assert 'href="/internal/"' in client.get("/search/?q=内部工作页").content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert is_refused(client.get("/internal/"))
    assert 'href="/internal/"' not in client.get("/search/?q=内部工作页").content.decode()
    client.force_login(editor)
    assert client.get("/internal/").status_code == 200


def test_private_documents_are_refused_to_anonymous_readers(client, staff_only_document):
    response = client.get(staff_only_document.url)
    assert is_refused(response)
    assert "13800000000" not in response.content.decode(errors="replace")


def test_group_documents_are_refused_to_editors_and_served_to_that_group(
    client, editor, station_staff, staff_only_document
):
    client.force_login(editor)
    assert is_refused(client.get(staff_only_document.url))
    client.force_login(station_staff)
    response = client.get(staff_only_document.url)
    assert response.status_code == 200
    assert "13800000000" in b"".join(response.streaming_content).decode()


def test_sign_in_documents_need_a_session(client, editor, login_only_document):
    assert is_refused(client.get(login_only_document.url))
    client.force_login(editor)
    assert client.get(login_only_document.url).status_code == 200


def test_document_urls_with_a_guessed_filename_are_not_found(client, login_only_document):
    assert client.get(f"/documents/{login_only_document.pk}/other.txt").status_code in (302, 404)
    assert client.get("/documents/999999/rota.txt").status_code == 404


def test_documents_go_through_the_checking_view(settings, login_only_document):
    # "redirect" or "direct" would hand out the file's storage URL and skip the privacy check.
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert login_only_document.url.startswith("/documents/")
