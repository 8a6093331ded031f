"""Uploads through the real admin views: only allowed types, only up to the size limits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

ADD_IMAGE = "/admin/images/add/"
ADD_DOCUMENT = "/admin/documents/add/"


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def png_bytes(size=(64, 64)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type="image/png"):
    return client.post(
        ADD_IMAGE, {"title": "上传", "file": SimpleUploadedFile(name, content, content_type)}
    )


def upload_document(client, name, content, content_type="application/pdf"):
    return client.post(
        ADD_DOCUMENT, {"title": "上传", "file": SimpleUploadedFile(name, content, content_type)}
    )


def test_an_allowed_image_is_accepted(staff_client):
    response = upload_image(staff_client, "photo.png", png_bytes())
    assert response.status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("drawing.svg", b"<svg><script>alert(1)</script></svg>", "image/svg+xml"),
        ("photo.bmp", b"BM" + b"\0" * 100, "image/bmp"),
        ("photo.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("photo.png", b"not an image at all", "image/png"),  # right name, wrong content
    ],
    ids=["svg", "bmp", "html", "fake-png"],
)
def test_disallowed_image_types_are_refused(staff_client, name, content, content_type):
    response = upload_image(staff_client, name, content, content_type)
    assert response.status_code == 200  # the form again
    assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


def test_an_oversized_image_is_refused(staff_client, settings):
    content = png_bytes((400, 400))
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1
    response = upload_image(staff_client, "big.png", content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


def test_an_image_with_too_many_pixels_is_refused(staff_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(staff_client, "wide.png", png_bytes((200, 200)))
    assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


def test_an_allowed_document_is_accepted(staff_client):
    response = upload_document(staff_client, "通知.pdf", b"%PDF-1.4 minimal")
    assert response.status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["setup.exe", "page.html", "script.js", "macro.docm", "archive.zip", "drawing.svg"]
)
def test_disallowed_document_types_are_refused(staff_client, name):
    response = upload_document(staff_client, name, b"MZ payload", "application/octet-stream")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Document.objects.count() == 0


def test_an_oversized_document_is_refused(staff_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(staff_client, "big.pdf", b"%PDF-1.4" + b"0" * 2048)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Document.objects.count() == 0


def test_the_limits_are_configured(settings):
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["jpg", "jpeg", "png", "webp", "gif"]
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert "exe" not in settings.WAGTAILDOCS_EXTENSIONS
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


def gif_bytes(size=(64, 64)):
    buffer = io.BytesIO()
    PILImage.new("P", size, 3).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize("keep", [0.5, 0.8])
def test_a_truncated_gif_is_a_form_error_not_a_server_error(staff_client, keep):
    content = gif_bytes((200, 200))
    staff_client.raise_request_exception = False
    response = upload_image(
        staff_client, "anim.gif", content[: int(len(content) * keep)], "image/gif"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_a_whole_gif_is_still_accepted(staff_client):
    response = upload_image(staff_client, "anim.gif", gif_bytes(), "image/gif")
    assert response.status_code == 302
