"""Pages of another community are a 404 in every admin page view (issue 17).

The communities are nested as on the real site (home/communities.py): A's home is the site
root, B's home is a child of it. So the scope cannot be "below my home": an editor of A must
not reach B's pages although they sit under A's home, and an editor of B walks down through
A's home to reach theirs without seeing A's pages.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from home.models import CommunityStaff
from home.roles import EDITORS, MODERATORS
from tests.factories.home import CommunityFactory, HomePageFactory
from tests.factories.notices import NoticeIndexPageFactory, NoticePageFactory


def _staff(django_user_model, name, community):
    user = django_user_model.objects.create_user(name, password="pw")
    user.groups.add(*Group.objects.filter(name__in=[EDITORS, MODERATORS]))
    CommunityStaff.objects.create(user=user, community=community)
    return user


def _section(home, letter):
    index = NoticeIndexPageFactory(parent=home, title=f"{letter}通知", slug=f"notices-{letter}")
    notice = NoticePageFactory(parent=index, title=f"{letter}社区停水通知", slug=f"water-{letter}")
    revision = notice.save_revision()
    alias = notice.create_alias(update_slug=f"water-{letter}-alias")
    return {"home": home, "index": index, "notice": notice, "revision": revision, "alias": alias}


@pytest.fixture
def nested(db, django_user_model):
    community_a = CommunityFactory(name="甲社区", slug="jia")
    community_b = CommunityFactory(name="乙社区", slug="yi")
    home_a = HomePageFactory(parent=Page.get_first_root_node(), slug="jia", community=community_a)
    home_b = HomePageFactory(parent=home_a, title="乙社区", slug="yi", community=community_b)
    return {
        "a": _section(home_a, "a"),
        "b": _section(home_b, "b"),
        "editor_a": _staff(django_user_model, "editor-a", community_a),
        "editor_b": _staff(django_user_model, "editor-b", community_b),
    }


# Every admin URL that names a page: (URL name, function of (target section, own section)
# giving the args). "Own" matters for moves, whose destination is the other page.
PAGE_URLS = [
    ("wagtailadmin_explore", lambda t, o: [t["index"].pk]),
    ("wagtailadmin_explore_results", lambda t, o: [t["index"].pk]),
    ("wagtailadmin_choose_page_child", lambda t, o: [t["index"].pk]),
    ("wagtailadmin_pages:edit", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:add_subpage", lambda t, o: [t["index"].pk]),
    ("wagtailadmin_pages:add", lambda t, o: ["notices", "noticepage", t["index"].pk]),
    ("wagtailadmin_pages:preview_on_add", lambda t, o: ["notices", "noticepage", t["index"].pk]),
    ("wagtailadmin_pages:copy", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:move", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:move_confirm", lambda t, o: [t["notice"].pk, o["index"].pk]),
    ("wagtailadmin_pages:move_confirm", lambda t, o: [o["notice"].pk, t["index"].pk]),
    ("wagtailadmin_pages:set_page_position", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:delete", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:unpublish", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:convert_alias", lambda t, o: [t["alias"].pk]),
    ("wagtailadmin_pages:revisions_index", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:revisions_view", lambda t, o: [t["notice"].pk, t["revision"].pk]),
    ("wagtailadmin_pages:revisions_revert", lambda t, o: [t["notice"].pk, t["revision"].pk]),
    ("wagtailadmin_pages:history", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:history_results", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:workflow_history", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:preview_on_edit", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:view_draft", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:lock", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:unlock", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:set_privacy", lambda t, o: [t["notice"].pk]),
    ("wagtailadmin_pages:usage", lambda t, o: [t["notice"].pk]),
]


def _revisions_compare(section):
    return reverse(
        "wagtailadmin_pages:revisions_compare",
        kwargs={
            "pk": section["notice"].pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
        },
    )


@pytest.mark.parametrize(
    ("name", "args"), PAGE_URLS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(PAGE_URLS)]
)
@pytest.mark.parametrize(("who", "other", "own"), [("editor_a", "b", "a"), ("editor_b", "a", "b")])
def test_page_views_of_another_community_are_404(client, nested, name, args, who, other, own):
    client.force_login(nested[who])
    url = reverse(name, args=args(nested[other], nested[own]))
    assert client.get(url).status_code == 404, url
    assert client.post(url).status_code == 404, url
    # The same view on the user's own community is not refused by the scope.
    own_url = reverse(name, args=args(nested[own], nested[own]))
    assert client.get(own_url).status_code != 404, own_url


def test_revisions_compare_of_another_community_is_404(client, nested):
    client.force_login(nested["editor_a"])
    assert client.get(_revisions_compare(nested["b"])).status_code == 404
    assert client.get(_revisions_compare(nested["a"])).status_code == 200


def test_refused_posts_change_nothing(client, nested):
    notice = nested["b"]["notice"]
    client.force_login(nested["editor_a"])
    client.post(reverse("wagtailadmin_pages:delete", args=[notice.pk]))
    client.post(reverse("wagtailadmin_pages:unpublish", args=[notice.pk]))
    client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[notice.pk, nested["a"]["index"].pk])
    )
    notice.refresh_from_db()
    assert notice.live
    assert notice.get_parent().pk == nested["b"]["index"].pk


def test_copy_into_another_community_is_refused(client, nested):
    notice = nested["a"]["notice"]
    client.force_login(nested["editor_a"])
    url = reverse("wagtailadmin_pages:copy", args=[notice.pk])
    form = {"new_title": "复制", "new_slug": "copied", "copy_subpages": "", "publish_copies": ""}
    target = nested["b"]["index"]
    response = client.post(url, {**form, "new_parent_page": target.pk})
    assert response.status_code == 404
    assert not target.get_children().filter(slug="copied").exists()
    # Copying within the community goes through.
    own = nested["a"]["index"]
    response = client.post(url, {**form, "new_parent_page": own.pk})
    assert response.status_code == 302
    assert own.get_children().filter(slug="copied").exists()


def _listed(response):
    return {page.pk for page in response.context["pages"]}


def test_explorer_of_the_shared_home_lists_only_own_pages(client, nested):
    """A's home holds A's sections and B's home: each editor sees only their side of it."""
    home_a = nested["a"]["home"]
    url = reverse("wagtailadmin_explore", args=[home_a.pk])
    client.force_login(nested["editor_a"])
    listed = _listed(client.get(url))
    assert nested["a"]["index"].pk in listed
    assert nested["b"]["home"].pk not in listed
    client.force_login(nested["editor_b"])
    response = client.get(url)
    assert response.status_code == 200  # B's editor walks down through it...
    assert _listed(response) == {nested["b"]["home"].pk}  # ...to their own home only
    # ...but cannot open A's home for anything else.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home_a.pk])).status_code == 404


def test_page_chooser_lists_only_own_pages(client, nested):
    client.force_login(nested["editor_a"])
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[nested["a"]["home"].pk]))
    assert response.status_code == 200
    listed = {page.pk for page in response.context["pagination_page"]}
    assert nested["a"]["index"].pk in listed
    assert nested["b"]["home"].pk not in listed


def _found(client, url, user, query):
    client.force_login(user)
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return {page.pk for page in response.context["pages"]}


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_pages:search", "wagtailadmin_choose_page_search"]
)
def test_page_searches_list_only_own_pages(client, nested, django_user_model, url_name):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for letter in ("a", "b"):
        backend.add(nested[letter]["notice"])
    url = reverse(url_name)
    notices = {nested["a"]["notice"].pk, nested["b"]["notice"].pk}
    superuser = django_user_model.objects.create_superuser("root", password="pw")
    # The city level finds both notices: the query itself matches them.
    assert _found(client, url, superuser, "停水") & notices == notices
    assert _found(client, url, nested["editor_a"], "停水") & notices == {nested["a"]["notice"].pk}


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("wagtailadmin_pages:type_use", ["notices", "noticepage"]),
        ("wagtailadmin_reports:locked_pages", []),
    ],
)
def test_page_type_use_and_reports_list_only_own_pages(client, nested, url_name, args):
    """Listings that ask the page permission policy (reports) or the explorer hook."""
    for letter in ("a", "b"):
        nested[letter]["notice"].__class__.objects.filter(pk=nested[letter]["notice"].pk).update(
            locked=True, locked_by=nested[f"editor_{letter}"]
        )
    client.force_login(nested["editor_a"])
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    listed = {page.pk for page in response.context["object_list"]}
    assert nested["a"]["notice"].pk in listed
    assert nested["b"]["notice"].pk not in listed


def test_the_page_editor_offers_only_the_editors_communities_compounds(client, nested):
    from tests.factories.home import CompoundFactory

    own = CompoundFactory(name="甲小区", community=nested["a"]["home"].community)
    other = CompoundFactory(name="乙小区", community=nested["b"]["home"].community)
    client.force_login(nested["editor_a"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[nested["a"]["notice"].pk]))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["target_compounds"].queryset)
    assert own in offered and other not in offered
    # A city editor (a superuser here) is offered both.
    client.force_login(type(nested["editor_a"]).objects.create_superuser("city", password="pw"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[nested["a"]["notice"].pk]))
    assert {own, other} <= set(response.context["form"].fields["target_compounds"].queryset)
