import importlib
import io
import sqlite3
import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.demo_tools import ensure_translation
from tests.factories.home import HomePageFactory

_roles_migration = importlib.import_module("home.migrations.0002_roles_and_workflow")
_supervisors_migration = importlib.import_module(
    "services.migrations.0003_station_supervisors_and_image_upload"
)
_cases_migration = importlib.import_module("cases.migrations.0002_categories_and_roles")
_approval_task_migration = importlib.import_module("home.migrations.0005_community_approval_task")


def ensure_baseline():
    """Recreate what migrations seed (root page, locales, roles, workflow).

    Transactional tests (live server, concurrency) end with a flush that empties every
    table, so a test that runs after one cannot count on migration data being there.
    """
    default = Locale.objects.get_or_create(language_code="zh-hans")[0]
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=default))
    _roles_migration.create_roles(apps, None)
    _approval_task_migration.retype_task("communitygroupapprovaltask")(apps, None)
    _supervisors_migration.create_supervisors_and_image_permissions(apps, None)
    _cases_migration.seed(apps, None)
    from home.roles import sync_role_permissions

    sync_role_permissions()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: menus and pages kept per content generation
    (home/generation.py) must not outlive the rows an earlier test rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a test that activates another and fails
    before deactivating it must not turn the next test's reverse() into /en/ URLs (the order
    of tests differs between runs under pytest-xdist)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


def shared_transaction(django_db_blocker, build):
    """A generator: runs `build()` in a transaction, yields its result, then rolls it back.

    For data that is slow to build and that many tests only read. pytest-django wraps each
    test in its own transaction, which becomes a savepoint inside this one: what a test changes
    is undone before the next test, and everything is undone at the end, so later tests start
    from the migrated database. Only for tests that use the database without
    `transactional_db`: a transactional test would commit into, then flush, the shared data.
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


# The committed demo of the live-server tests, copied once it is built (SQLite only).
_demo_snapshot = None


def load_committed_demo():
    """The full demo (`load_demo --no-index`) committed into the test database.

    For live-server tests, which end with a flush. Loading the demo costs about a minute on CI,
    and several such tests need it: on SQLite the first load is copied with SQLite's backup
    API and later tests get that copy back in well under a second. (CI runs these tests on
    SQLite only; on PostgreSQL each test loads the demo.) Process-wide caches that hold ids of
    rows are cleared after a copy is restored, as after a load.
    """
    global _demo_snapshot
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection

    if connection.vendor == "sqlite" and _demo_snapshot is not None:
        connection.ensure_connection()
        _demo_snapshot.backup(connection.connection)
        ContentType.objects.clear_cache()
        Site.clear_site_root_paths_cache()
        cache.clear()
        return
    ensure_baseline()
    load_demo("--no-index")
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _demo_snapshot = copy


# The demo takes ~10 s to load, and tests in several apps only read it: they share one copy.
# pytest_collection_modifyitems runs them one after another; the first one's `demo` loads it in
# a transaction that stays open while the next test also uses `demo`, and is rolled back after
# the last one (see shared_transaction: each test's own changes are undone when it ends).
_DEMO = pytest.StashKey[object]()
_NEXT_ITEM = pytest.StashKey[object]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Move the tests that use `demo` next to the first of them.

    trylast: after pytest-django's own ordering (tests in a transaction first, then
    transactional ones), which this keeps, since `demo` tests are all of the first kind.
    Under pytest-xdist each worker keeps this order for the tests it is given, and loads the
    demo once for them (and the committed demo once for its live-server tests). Groups
    (`xdist_group` with `--dist loadgroup`) would keep them on one worker, but pytest-xdist
    3.8 cannot group under pytest 9 (it renames `item._nodeid`, which pytest 9 no longer
    reads), so CI uses plain `--dist load`.
    """
    users = [item for item in items if "demo" in item.fixturenames]
    if users:
        first = items.index(users[0])
        others = [item for item in items if "demo" not in item.fixturenames]
        items[:] = others[:first] + users + others[first:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # Module fixtures are finalised in this hook; `demo` needs to know what runs next.
    item.session.stash[_NEXT_ITEM] = nextitem
    return (yield)


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    """The demo content (`load_demo --no-index`), shared by every test that uses this fixture."""
    stash = request.session.stash
    if _DEMO not in stash:
        shared = shared_transaction(django_db_blocker, lambda: load_demo("--no-index"))
        next(shared)
        stash[_DEMO] = shared
    yield
    following = stash.get(_NEXT_ITEM, None)
    if following is None or "demo" not in following.fixturenames:
        shared = stash[_DEMO]
        del stash[_DEMO]
        next(shared, None)  # rolls the demo back
