"""purge_personal_data forgets reporters after the retention period; the case stays public."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from cases.models import Case, CaseStatus, Report, ReportPhoto
from home.retention import registered_purgers
from tests.factories.cases import CaseSupportFactory, ReportFactory

pytestmark = pytest.mark.django_db


def purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def private_storage(settings, tmp_path):
    from django.core.files.storage import storages

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    storages._storages.pop("private", None)
    yield tmp_path
    storages._storages.pop("private", None)


def closed_case(staff, report):
    case = report.case
    case.accept(staff)
    case.route_to_firm(staff)
    case.resolve(staff, "已修好楼道灯")
    case.close(staff)
    return case


def test_the_cases_purger_is_registered():
    assert any(type(p).__name__ == "CasePurger" for p in registered_purgers())


def test_reporters_are_anonymised_after_the_period_and_the_record_stays(
    staff, clock, settings, private_storage
):
    settings.HEMEI_PERSONAL_DATA_RETENTION_DAYS = 30
    report = ReportFactory(reporter_name="李四", reporter_mobile="13812345678", building="3栋")
    photo = ReportPhoto.objects.create(report=report, image=ContentFile(b"jpg", name="p.jpg"))
    path = photo.image.path
    CaseSupportFactory(case=report.case, mobile="13900000000")
    case = closed_case(staff, report)
    still_open = ReportFactory(reporter_mobile="13700000000")
    clock.shift(days=29)
    assert "0 case report(s) would be anonymised." in purge("--dry-run")
    clock.shift(days=2)
    out = purge("--dry-run")
    assert "1 case report(s) would be anonymised." in out and "1 “me too”" in out
    assert Report.objects.get(pk=report.pk).reporter_mobile == "13812345678"  # dry run
    out = purge()
    assert "1 case report(s) anonymised." in out
    report.refresh_from_db()
    assert (report.reporter_name, report.reporter_mobile, report.building) == ("", "", "")
    assert report.anonymised_at is not None and report.description  # what happened stays
    assert not ReportPhoto.objects.exists()
    assert not os.path.exists(path)
    assert case.supports.get().mobile == ""
    assert Case.objects.public().filter(pk=case.pk, status=CaseStatus.CLOSED).exists()
    assert Report.objects.get(pk=still_open.pk).reporter_mobile == "13700000000"
    assert "0 case report(s) anonymised." in purge()  # idempotent
