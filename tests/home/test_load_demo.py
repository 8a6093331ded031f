import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Site

from home.models import Compound, HomePage, PropertyFirm

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models(include_auto_created=True)
    }


def test_load_demo_is_idempotent(demo):
    """Loading again over the whole demo adds or removes no row in any table.

    The suite's one test of idempotency: a row count of every model covers every app's demo
    loader (pages, translations, snippets, inline rows, appointments, volunteers…), so the
    apps' demo tests only read the shared demo.
    """
    before = row_counts()
    load()
    after = row_counts()
    changed = {
        label: (count, after[label]) for label, count in before.items() if after[label] != count
    }
    assert changed == {}
    assert before["wagtailcore.Page"] > 100  # the demo really was there to load over


def test_load_demo_builds_the_real_community(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    names = set(
        Compound.objects.filter(locale__language_code="zh-hans").values_list("name", flat=True)
    )
    assert {
        "北路华府小区",
        "苗圃小区",
        "广电花苑小区",
        "宇众傲城小区",
        "云影香山小区",
        "金桂大厦",
        "宏荣名著",
    } <= names
    huifengting = PropertyFirm.objects.filter(
        locale__language_code="zh-hans", community__slug="huifengting"
    )
    assert huifengting.count() == 13
    assert PropertyFirm.objects.filter(name="江南社区物业管理有限公司").exists()
    # Every Chinese snippet has its English translation.
    assert Compound.objects.filter(locale__language_code="en").count() == len(names)


def test_load_demo_serves_both_locales(client, demo):
    assert "回风亭社区" in client.get("/").content.decode()
    assert "Huifengting Community" in client.get("/en/").content.decode()


def test_load_demo_admin_password_from_environment(demo, monkeypatch, django_user_model):
    # Over the shared demo (a reload takes a second, a first load ten): without its admin, so
    # that the superuser is created with the password, as on a first load.
    django_user_model.objects.filter(username="admin").delete()
    monkeypatch.setenv("HEMEI_ADMIN_PASSWORD", "from-the-env-123")
    load()
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("from-the-env-123")
    monkeypatch.setenv("HEMEI_ADMIN_PASSWORD", "changed-in-the-env-456")
    load()
    admin.refresh_from_db()
    assert admin.check_password("changed-in-the-env-456")


def test_load_demo_refuses_when_not_allowed(settings):
    from django.core.management.base import CommandError

    settings.HEMEI_ALLOW_DEMO = False
    with pytest.raises(CommandError):
        load()
