"""Shared set-up of the tests of the residents' pages (tests/cases/test_public_*.py)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale

from cases.models import Case, CaseCategory, Report
from tests.factories.home import CompoundFactory

# The fixtures; test modules take them with `from .public_helpers import *`.
__all__ = ["category", "clean_slate", "compound", "noise", "other_compound"]

NAME = "王秀英"
MOBILE = "13812345678"
SECRET_WORDS = "三单元402住户每晚敲打"


@pytest.fixture(autouse=True)
def clean_slate(settings, tmp_path):
    """Rate-limit counters live in the cache; photos go to a temporary private store."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def compound(db):
    return CompoundFactory(name="北路华府", slug="beilu-huafu")


@pytest.fixture
def other_compound(compound):
    return CompoundFactory(name="苗圃小区", slug="miaopu", community=compound.community)


@pytest.fixture
def category(db):
    return CaseCategory.objects.create(
        name="测试停车", slug="test-parking", sort_order=99, locale=Locale.get_default()
    )


@pytest.fixture
def noise(db):
    return CaseCategory.objects.create(
        name="测试噪音", slug="test-noise", sort_order=98, locale=Locale.get_default()
    )


def make_case(compound, category, *, received_at=None, **fields):
    fields.setdefault("title", category.name)
    return Case.objects.create(
        compound=compound,
        category=category,
        received_at=received_at or timezone.now(),
        **fields,
    )


def make_report(case, **fields):
    values = {
        "compound": case.compound,
        "category": case.category,
        "description": SECRET_WORDS,
        "location": "3栋",
        "reporter_name": NAME,
        "reporter_mobile": MOBILE,
    }
    return Report.objects.create(case=case, **{**values, **fields})


def jpeg(size=(64, 48), name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


VALID_DETAILS = {
    "description": "地下车库入口每天被占用，车开不出去。",
    "location": "2号门地下车库入口",
    "building": "",
    "reporter_name": NAME,
    "reporter_mobile": MOBILE,
    "reporting_for": "self",
    "wants_contact": "yes",
}


def start(client, category, compound, prefix=""):
    response = client.post(f"{prefix}/reports/", {"category": category.pk, "compound": compound.pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def details_token(client, prefix=""):
    response = client.get(f"{prefix}/reports/new/details/")
    assert response.status_code == 200
    return response.context["form"]["form_token"].value()


def send_report(client, category, compound, **changes):
    """Steps 1 and 3 (2 is skipped when nothing similar is open); returns step 3's answer."""
    start(client, category, compound)
    data = {**VALID_DETAILS, "form_token": details_token(client), **changes}
    return client.post("/reports/new/details/", {k: v for k, v in data.items() if v is not None})
