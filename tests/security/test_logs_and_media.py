"""Logs and development media give away nothing that opens a booking, a sign-up or a document."""

import logging

import pytest
from django.test import override_settings

from home import sms

MOBILE = "13812345678"


def test_the_sms_log_holds_no_reference_and_no_link(caplog, settings):
    settings.HEMEI_SMS_BACKEND = "home.sms.LogSmsBackend"
    message = "您的预约 HM7K2Q9 已确认。取消：https://hemei.example.cn/volunteering/s/Zx81tokEn/"
    with caplog.at_level(logging.INFO, logger="home.sms"):
        sms.send_sms(MOBILE, message)
    assert "138****5678" in caplog.text  # the line is still there ...
    for secret in ("HM7K2Q9", "https://", "Zx81tokEn", MOBILE):
        assert secret not in caplog.text  # ... without what would open anything


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4 private")
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "photo.jpg").write_bytes(b"jpeg")
    return tmp_path


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.security.dev_media_urls")
def test_runserver_media_never_serves_documents(client, media):
    assert client.get("/media/original_images/photo.jpg").status_code == 200
    for path in (
        "/media/documents/minutes.pdf",
        "/media/./documents/minutes.pdf",
        "/media/original_images/../documents/minutes.pdf",
        "/media/Documents/minutes.pdf",
    ):
        assert client.get(path).status_code == 404, path
