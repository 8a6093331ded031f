import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import Compound, HomePage, PropertyFirm

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))


def test_load_demo_is_idempotent(demo):
    counts = (Page.objects.count(), Compound.objects.count(), PropertyFirm.objects.count())
    load()
    assert (Page.objects.count(), Compound.objects.count(), PropertyFirm.objects.count()) == counts


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
    assert PropertyFirm.objects.filter(locale__language_code="zh-hans").count() == 13
    assert PropertyFirm.objects.filter(name="江南社区物业管理有限公司").exists()
    # Every Chinese snippet has its English translation.
    assert Compound.objects.filter(locale__language_code="en").count() == len(names)


def test_load_demo_serves_both_locales(client, demo):
    assert "回风亭社区" in client.get("/").content.decode()
    assert "Huifengting Community" in client.get("/en/").content.decode()


def test_load_demo_admin_password_from_environment(monkeypatch, django_user_model):
    monkeypatch.setenv("HEMEI_ADMIN_PASSWORD", "from-the-env-123")
    load()
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("from-the-env-123")


def test_load_demo_refuses_when_not_allowed(settings):
    from django.core.management.base import CommandError

    settings.HEMEI_ALLOW_DEMO = False
    with pytest.raises(CommandError):
        load()
