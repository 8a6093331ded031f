"""The upgrade of a one-community installation keeps its staff in the admin (home/0006)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from home.community_scope import communities_for
from home.models import Community, CommunityStaff, HomePage
from home.roles import CITY_EDITORS, EDITORS, MODERATORS, STATION_STAFF
from tests.factories.home import CommunityFactory, HomePageFactory

migration = importlib.import_module("home.migrations.0006_single_community_staff")


def _run():
    migration.list_staff_of_the_only_community(apps, None)


def _member(django_user_model, name, *groups, **fields):
    user = django_user_model.objects.create_user(name, password="pw", **fields)
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def people(db, django_user_model):
    return {
        "editor": _member(django_user_model, "editor", EDITORS),
        "moderator": _member(django_user_model, "moderator", MODERATORS, EDITORS),
        "station": _member(django_user_model, "station", STATION_STAFF),
        "left": _member(django_user_model, "left", EDITORS, is_active=False),
        "root": _member(django_user_model, "root", EDITORS, is_superuser=True),
        "resident": _member(django_user_model, "resident"),
        "city": _member(django_user_model, "city", CITY_EDITORS),
    }


def _listed():
    return set(CommunityStaff.objects.values_list("user__username", "community_id"))


def test_staff_of_the_only_community_are_listed_for_it(people):
    community = CommunityFactory()
    home = HomePageFactory(parent=HomePage.get_first_root_node(), slug="site-root")
    _run()
    expected = {(name, community.pk) for name in ("editor", "moderator", "station")}
    assert _listed() == expected
    home.refresh_from_db()
    assert home.community == community
    # What the scope then gives them: their community, hence its pages.
    user = type(people["editor"]).objects.get(pk=people["editor"].pk)
    assert communities_for(user) == {community.pk}
    # Run again (or after someone was listed by hand): no duplicate rows.
    _run()
    assert _listed() == expected


def test_translations_of_the_one_community_count_once(people):
    community = CommunityFactory()
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = community.copy_for_translation(english)
    translation.save()
    assert Community.objects.count() == 2
    _run()
    assert {name for name, _id in _listed()} == {"editor", "moderator", "station"}


def test_nothing_is_guessed_with_several_communities(people):
    CommunityFactory(slug="one")
    CommunityFactory(slug="two")
    home = HomePageFactory(parent=HomePage.get_first_root_node(), slug="site-root")
    _run()
    assert _listed() == set()
    home.refresh_from_db()
    assert home.community is None


def test_no_community_no_rows(people):
    _run()
    assert _listed() == set()
