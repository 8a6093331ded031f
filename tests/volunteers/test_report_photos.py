"""Station staff add photos to volunteer event reports: upload and choose images in the admin."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.roles import EDITORS, STATION_STAFF
from services.models import VolunteerEventReport
from tests.factories.home import city_level

pytestmark = pytest.mark.django_db


def png_file(name="report.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 60, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("zhanzhang", password="pw-123456789")
    city_level(user).groups.add(Group.objects.get(name=STATION_STAFF))
    return user


def test_station_staff_upload_a_photo_and_attach_it_to_a_report(client, staff, past_event):
    client.force_login(staff)
    response = client.post("/admin/images/add/", {"title": "义诊现场", "file": png_file()})
    assert response.status_code == 302
    image = Image.objects.get(title="义诊现场")
    assert image.uploaded_by_user == staff
    # The image chooser in the report form lists it and offers the upload tab.
    chooser = client.get("/admin/images/chooser/")
    assert chooser.status_code == 200
    assert "义诊现场" in chooser.json()["html"]
    upload = client.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": "合影", "image-chooser-upload-file": png_file("group.png")},
    )
    assert upload.status_code == 200
    assert Image.objects.filter(title="合影").exists()

    data = nested_form_data(
        {
            "event": past_event.pk,
            "services_delivered": 40,
            "people_helped": 25,
            "summary": "为空巢老人测量血压。",
            "photos": inline_formset([{"image": image.pk, "caption": "测血压"}]),
        }
    )
    response = client.post(reverse("volunteer_reports:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    report = VolunteerEventReport.objects.get(event=past_event)
    assert [(p.image, p.caption) for p in report.photos.all()] == [(image, "测血压")]


def test_editors_keep_their_image_rights_and_other_users_get_none(client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw-123456789")
    client.force_login(nobody)
    assert client.post("/admin/images/add/", {"title": "x", "file": png_file()}).status_code in (
        302,
        403,
    )
    assert not Image.objects.exists()
    editor = django_user_model.objects.create_user("editor", password="pw-123456789")
    city_level(editor).groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.post("/admin/images/add/", {"title": "y", "file": png_file()}).status_code == 302
