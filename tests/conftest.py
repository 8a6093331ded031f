import importlib

import pytest
from django.apps import apps
from wagtail.models import Locale, Page, Site

from home.demo_tools import ensure_translation
from tests.factories.home import HomePageFactory

_roles_migration = importlib.import_module("home.migrations.0002_roles_and_workflow")
_supervisors_migration = importlib.import_module(
    "services.migrations.0003_station_supervisors_and_image_upload"
)


def ensure_baseline():
    """Recreate what migrations seed (root page, locales, roles, workflow).

    Transactional tests (live server, concurrency) end with a flush that empties every
    table, so a test that runs after one cannot count on migration data being there.
    """
    default = Locale.objects.get_or_create(language_code="zh-hans")[0]
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=default))
    _roles_migration.create_roles(apps, None)
    _supervisors_migration.create_supervisors_and_image_permissions(apps, None)
    from home.roles import sync_role_permissions

    sync_role_permissions()


@pytest.fixture
def baseline(transactional_db):
    ensure_baseline()


@pytest.fixture
def home_page(db, request):
    """A published HomePage as the default site's root, with its English translation."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        ensure_baseline()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="回风亭社区")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    ensure_translation(home, Locale.objects.get(language_code="en"), title="Huifengting Community")
    return home
