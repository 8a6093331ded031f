import importlib
import io
import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.demo_tools import ensure_translation
from tests.factories.home import HomePageFactory

_roles_migration = importlib.import_module("home.migrations.0002_roles_and_workflow")


def ensure_baseline():
    """Recreate what migrations seed (root page, locales, roles, workflow).

    Transactional tests (live server, concurrency) end with a flush that empties every
    table, so a test that runs after one cannot count on migration data being there.
    """
    default = Locale.objects.get_or_create(language_code="zh-hans")[0]
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=default))
    _roles_migration.create_roles(apps, None)
    from home.roles import sync_role_permissions

    sync_role_permissions()


@pytest.fixture
def baseline(transactional_db):
    ensure_baseline()


def make_home_page():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="回风亭社区")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    ensure_translation(home, Locale.objects.get(language_code="en"), title="Huifengting Community")
    return home


@pytest.fixture
def home_page(db, request):
    """A published HomePage as the default site's root, with its English translation."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        ensure_baseline()
    return make_home_page()


def shared_by_module(django_db_blocker, build):
    """Run `build()` once for a module's tests, in a transaction rolled back after the last one.

    For fixtures that are slow to build (the demo takes ~10 s) and that many tests of a module
    only read. pytest-django wraps each test in its own transaction, which becomes a savepoint
    inside this one: what a test changes is undone before the next test, and everything is
    undone when the module is done, so other modules start from the migrated database.
    Only for modules whose tests all use the database without `transactional_db`: a
    transactional test would commit into, then flush, the shared state.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            result = build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def load_demo(*options):
    call_command("load_demo", *options, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content (`load_demo --no-index`), loaded once for all the tests of a module."""
    yield from shared_by_module(django_db_blocker, lambda: load_demo("--no-index"))
