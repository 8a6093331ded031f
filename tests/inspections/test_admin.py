"""Admin flows with the roles' permissions: entering an inspection (photo cleaned, firm filled,
event recorded), the re-check proposed by an editor and confirmed by a moderator, refusals,
the overdue panel's items and the score grid's column."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.overdue import overdue_items
from inspections.models import Inspection, InspectionEvent
from tests.factories.inspections import InspectionFactory
from tests.factories.rankings import RankingIndexPageFactory, RankingMonthPageFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x013B] = "王小明"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 51.0, 12.0)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG", exif=exif.tobytes())
    buffer.seek(0)
    buffer.name = "IMG_王小明_20261020.jpg"
    return buffer


def add_data(compound, date, photo=None, deadline=""):
    finding = {"description": "楼道堆放杂物", "article": ""}
    if photo is not None:
        finding["photo"] = photo
    return nested_form_data(
        {
            "date": date.isoformat(),
            "compound": compound.pk,
            "by_owners_association": "on",
            "by_firms_association": "on",
            "summary": "联合检查",
            "rectification_deadline": deadline,
            "findings": inline_formset([finding]),
            "requirement_checks": inline_formset([]),
        }
    )


def test_editor_records_an_inspection_with_a_clean_photo(
    client, editor, compound, firm, frozen_today, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    url = reverse("wagtailsnippets_inspections_inspection:add")
    assert client.get(url).status_code == 200
    data = add_data(compound, frozen_today, jpeg_with_gps(), deadline="2026-11-30")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    inspection = Inspection.objects.get()
    assert inspection.firm == firm
    assert inspection.status == Inspection.Status.RECTIFYING
    finding = inspection.findings.get()
    assert finding.photo.name.endswith(".jpg") and "王小明" not in finding.photo.name
    with Image.open(finding.photo.path) as stored:
        assert not stored.getexif()
        assert not stored.getexif().get_ifd(0x8825)  # no GPS position
        assert "exif" not in stored.info and "xmp" not in stored.info
    raw = open(finding.photo.path, "rb").read()
    assert b"Exif" not in raw and "王小明".encode() not in raw
    event = inspection.events.get()
    assert (event.action, event.user, event.user_name) == ("recorded", editor, "editor")


def test_a_future_date_is_a_form_error_and_the_input_is_kept(
    client, editor, compound, frozen_today
):
    client.force_login(editor)
    url = reverse("wagtailsnippets_inspections_inspection:add")
    response = client.post(url, add_data(compound, frozen_today + datetime.timedelta(days=3)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026-11-23" in html
    assert "楼道堆放杂物" in html
    assert not Inspection.objects.exists()


def test_a_broken_photo_is_a_form_error(client, editor, compound, frozen_today):
    client.force_login(editor)
    broken = io.BytesIO(b"not a photo at all")
    broken.name = "a.jpg"
    response = client.post(
        reverse("wagtailsnippets_inspections_inspection:add"),
        add_data(compound, frozen_today, broken),
    )
    assert response.status_code == 200
    assert not Inspection.objects.exists()


@pytest.fixture
def due(compound, frozen_today):
    return InspectionFactory(
        compound=compound,
        date=datetime.date(2026, 11, 2),
        rectification_deadline=datetime.date(2026, 11, 12),
    )


def recheck_url(inspection):
    return reverse("inspections_recheck", args=[inspection.pk])


def decide_url(inspection, decision):
    return reverse("inspections_decide", args=[inspection.pk, decision])


def test_editor_proposes_and_moderator_confirms(client, editor, moderator, due, frozen_today):
    client.force_login(editor)
    page = client.get(recheck_url(due)).content.decode()
    assert "Propose the re-check result" in page or "提交复查结果" in page
    response = client.post(
        recheck_url(due), {"recheck_on": "2026-11-18", "result": "rectified", "note": "已清理"}
    )
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.status == Inspection.Status.RECHECK_PROPOSED
    # The editor is refused the decision (Wagtail sends them to the dashboard with a
    # "no permission" message), and nothing changes.
    refused = client.post(decide_url(due, "confirm"))
    assert (refused.status_code, refused.get("Location")) in ((302, "/admin/"), (403, None))
    due.refresh_from_db()
    assert due.status == Inspection.Status.RECHECK_PROPOSED

    client.force_login(moderator)
    assert client.post(decide_url(due, "confirm"), {"note": "属实"}).status_code == 302
    due.refresh_from_db()
    assert due.status == Inspection.Status.RECTIFIED
    # Posting the decision again is refused with a message, not applied twice.
    response = client.post(decide_url(due, "confirm"), follow=True)
    assert response.status_code == 200
    assert due.events.filter(action=InspectionEvent.Action.RECHECK_CONFIRMED).count() == 1
    history = client.get(recheck_url(due)).content.decode()
    assert "editor" in history and "moderator" in history


def test_an_invalid_recheck_date_keeps_the_input(client, editor, due):
    client.force_login(editor)
    response = client.post(
        recheck_url(due), {"recheck_on": "2026-12-30", "result": "rectified", "note": "已清理"}
    )
    assert response.status_code == 200
    assert "已清理" in response.content.decode()
    due.refresh_from_db()
    assert due.status == Inspection.Status.RECTIFYING


def test_nonsense_input_is_never_a_server_error(client, editor, moderator, due):
    client.force_login(editor)
    response = client.post(recheck_url(due), {"recheck_on": "昨天", "result": "maybe"})
    assert response.status_code == 200
    client.force_login(moderator)
    assert client.post(decide_url(due, "explode")).status_code == 302
    assert client.get(reverse("inspections_recheck", args=[999999])).status_code == 404
    due.refresh_from_db()
    assert due.status == Inspection.Status.RECTIFYING


def test_the_public_and_users_without_the_role_are_kept_out(client, due, django_user_model):
    assert client.get(recheck_url(due)).status_code == 302  # to the login
    nobody = django_user_model.objects.create_user("nobody", "n@example.cn", "pw")
    client.force_login(nobody)
    assert client.get(recheck_url(due)).status_code in (302, 403)
    assert client.post(decide_url(due, "confirm")).status_code in (302, 403)
    due.refresh_from_db()
    assert due.status == Inspection.Status.RECTIFYING


def test_overdue_items_list_what_is_past_its_deadline(editor, due, compound, frozen_today, db):
    InspectionFactory(compound=compound, rectification_deadline=frozen_today)  # due today
    items = [item for item in overdue_items(editor) if item.url == recheck_url(due)]
    assert len(items) == 1 and items[0].days == 8
    assert len([i for i in overdue_items(editor) if "/inspections/" in i.url]) == 1


def test_no_overdue_items_without_the_permission(due, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", "n@example.cn", "pw")
    assert [i for i in overdue_items(nobody) if "/inspections/" in i.url] == []


def test_the_score_grid_shows_each_firms_inspections_of_the_month(
    client, editor, home_page, compound, firm, community
):
    from rankings.models import Criterion
    from tests.factories.home import PropertyFirmFactory

    if not Criterion.objects.exists():
        Criterion.objects.create(name="保洁", name_en="Cleaning", max_score=30)
    index = RankingIndexPageFactory(parent=home_page)
    month = RankingMonthPageFactory(parent=index, month=datetime.date(2026, 10, 1), live=False)
    quiet = PropertyFirmFactory(community=community, name="宁静物业")
    InspectionFactory(compound=compound, date=datetime.date(2026, 10, 9))
    InspectionFactory(compound=compound, date=datetime.date(2026, 9, 30))  # another month
    client.force_login(editor)
    html = client.get(reverse("rankings_scores", args=[month.pk])).content.decode()
    assert "本月监督检查" in html or "Inspections this month" in html
    assert "10-09 滨河小区" in html
    assert "09-30" not in html
    assert quiet.name in html
    assert html.count("inspection-grid-list") == 1
