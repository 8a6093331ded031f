"""The report form: three steps without JavaScript, the done page, duplicates, limits, bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.models import Case, CaseEvent, CaseSupport, Report, ReportPhoto
from home.photos import MAX_BYTES

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def test_step_one_lists_categories_and_compounds_in_both_languages(client, category, compound):
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/reports/")
        assert response.status_code == 200
        html = response.content.decode()
        assert category.name in html and compound.name in html
    assert "What is the problem about?" in client.get("/en/reports/").content.decode()


def test_a_resident_reports_a_problem_and_gets_a_reference(client, category, compound):
    response = helpers.send_report(client, category, compound, photos=[helpers.jpeg()])

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/done/{report.reference}/"
    assert (report.reporter_name, report.reporter_mobile) == (helpers.NAME, helpers.MOBILE)
    assert report.wants_contact is True and report.for_someone_else is False
    case = report.case
    assert (case.compound, case.category, case.status) == (compound, category, "received")
    assert case.title == category.name  # never the resident's own words
    event = case.events.get()
    assert (event.kind, event.is_public, event.actor) == ("status", True, "resident")
    photo = ReportPhoto.objects.get(report=report)
    assert Image.open(photo.image.open()).format == "JPEG"

    done = client.get(response["Location"])
    assert done.status_code == 200
    assert report.display_reference in done.content.decode()
    assert len(report.display_reference) == 9 and report.display_reference[4] == "-"


def test_the_done_page_is_only_for_the_browser_that_sent_it(client, category, compound):
    helpers.send_report(client, category, compound)
    report = Report.objects.get()
    client.cookies.clear()
    response = client.get(f"/reports/done/{report.reference}/")
    assert response.status_code == 302
    assert response["Location"] == "/reports/status/"


def test_reporting_for_a_relative_keeps_the_relation(client, category, compound):
    helpers.send_report(client, category, compound, reporting_for="other", relation="女儿")
    report = Report.objects.get()
    assert report.for_someone_else and report.relation == "女儿"


def test_the_relation_is_dropped_when_reporting_for_oneself(client, category, compound):
    helpers.send_report(client, category, compound, reporting_for="self", relation="女儿")
    assert Report.objects.get().relation == ""


def test_the_open_report_of_the_same_compound_and_category_is_offered_first(
    client, category, noise, compound, other_compound
):
    same = helpers.make_case(compound, category, title="地下车库入口被占")
    helpers.make_report(same)
    helpers.make_case(compound, noise, title="其他类别")
    helpers.make_case(other_compound, category, title="其他小区")
    helpers.make_case(compound, category, title="已解决的", status="resolved")
    helpers.make_case(compound, category, title="不公开的", is_public=False)

    response = helpers.start(client, category, compound)
    assert response["Location"] == "/reports/new/similar/"
    html = client.get("/reports/new/similar/").content.decode()
    assert "地下车库入口被占" in html and "我也遇到" in html
    for hidden in ("其他类别", "其他小区", "已解决的", "不公开的"):
        assert hidden not in html
    assert "3栋" not in html and helpers.NAME not in html  # nothing the reporter wrote

    response = client.post("/reports/new/me-too/", {"case": same.public_number})
    assert response.status_code == 200
    assert CaseSupport.objects.filter(case=same).count() == 1
    # The same address again is not counted twice.
    client.post("/reports/new/me-too/", {"case": same.public_number})
    assert CaseSupport.objects.filter(case=same).count() == 1
    assert Report.objects.count() == 1


def test_without_a_similar_open_report_step_two_is_skipped(client, category, compound):
    response = helpers.start(client, category, compound)
    assert client.get(response["Location"])["Location"] == "/reports/new/details/"


def test_me_too_on_a_closed_private_or_unknown_case_counts_nothing(client, category, compound):
    private = helpers.make_case(compound, category, is_public=False)
    resolved = helpers.make_case(compound, category, status="resolved")
    for number in (private.public_number, resolved.public_number, "2026-9999", "x" * 500):
        response = client.post("/reports/new/me-too/", {"case": number})
        assert response.status_code == 302
    assert not CaseSupport.objects.exists()


def test_a_resubmitted_form_files_one_report_and_shows_the_first_done_page(
    client, category, compound
):
    helpers.start(client, category, compound)
    data = {**helpers.VALID_DETAILS, "form_token": helpers.details_token(client)}
    first = client.post("/reports/new/details/", data)
    second = client.post("/reports/new/details/", data)
    assert Report.objects.count() == 1 and Case.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert client.get(second["Location"]).status_code == 200


def test_the_honeypot_turns_a_bot_away(client, category, compound):
    response = helpers.send_report(client, category, compound, website="http://spam.example")
    assert response.status_code == 200
    assert not Report.objects.exists()
    form = response.context["form"]
    assert [error.code for error in form.non_field_errors().as_data()] == ["honeypot"]
    assert "您的诉求未能提交" in response.content.decode()


def test_reports_are_rate_limited_per_address(client, category, compound, settings):
    settings.HEMEI_RATE_LIMITS = {"report-ip": (2, 3600)}
    for _ in range(2):
        assert helpers.send_report(client, category, compound).status_code == 302
    response = helpers.send_report(client, category, compound)
    assert response.status_code == 429
    assert Report.objects.count() == 2
    # What was typed is still there.
    assert helpers.VALID_DETAILS["description"] in response.content.decode()


def test_me_too_is_rate_limited(client, category, compound, settings):
    settings.HEMEI_RATE_LIMITS = {"report-support-ip": (1, 3600)}
    first, second = helpers.make_case(compound, category), helpers.make_case(compound, category)
    client.post("/reports/new/me-too/", {"case": first.public_number})
    response = client.post("/reports/new/me-too/", {"case": second.public_number})
    assert response.status_code == 429
    assert CaseSupport.objects.count() == 1


BAD_DETAILS = {
    "wrong mobile": ({"reporter_mobile": "12345"}, "reporter_mobile"),
    "letters for a mobile": ({"reporter_mobile": "138abcd5678"}, "reporter_mobile"),
    "over-long description": ({"description": "长" * 2001}, "description"),
    "over-long location": ({"location": "地" * 201}, "location"),
    "over-long name": ({"reporter_name": "名" * 51}, "reporter_name"),
    "NUL in the description": ({"description": "车库\x00入口"}, "description"),
    "NUL in the name": ({"reporter_name": "王\x00"}, "reporter_name"),
    "no description": ({"description": ""}, "description"),
    "huge integer for who": ({"reporting_for": "9" * 40}, "reporting_for"),
    "huge integer for contact": ({"wants_contact": "9" * 40}, "wants_contact"),
    "no contact answer": ({"wants_contact": None}, "wants_contact"),
}


@pytest.mark.parametrize("case", BAD_DETAILS)
def test_bad_details_get_a_message_and_keep_the_input(client, category, compound, case):
    changes, field = BAD_DETAILS[case]
    response = helpers.send_report(client, category, compound, **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not Report.objects.exists()
    for name in ("description", "location"):
        value = helpers.VALID_DETAILS[name]
        if name not in changes:
            assert value in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [("big.jpg", b"\xff\xd8" * (MAX_BYTES // 2 + 1)), ("fake.jpg", b"<?php echo 1; ?>")],
    ids=["oversized", "fake"],
)
def test_bad_photos_are_named_in_the_message(client, category, compound, name, content):
    upload = SimpleUploadedFile(name, content, "image/helpers.jpeg")
    response = helpers.send_report(client, category, compound, photos=[upload])
    assert response.status_code == 200
    assert name in str(response.context["form"].errors["photos"])
    assert helpers.VALID_DETAILS["description"] in response.content.decode()
    assert not Report.objects.exists()


def test_four_photos_are_too_many(client, category, compound):
    photos = [helpers.jpeg() for _ in range(4)]
    response = helpers.send_report(client, category, compound, photos=photos)
    assert "photos" in response.context["form"].errors


def test_emoji_and_full_width_digits_are_accepted(client, category, compound):
    helpers.send_report(
        client,
        category,
        compound,
        description="电梯又坏了😡🚫，老人上不了楼",
        reporter_mobile="１３８ １２３４ ５６７８",
    )
    report = Report.objects.get()
    assert report.description == "电梯又坏了😡🚫，老人上不了楼"
    assert report.reporter_mobile == helpers.MOBILE


@pytest.mark.parametrize(
    "data",
    [
        {"category": "9" * 40, "compound": "1"},
        {"category": "-1", "compound": "9" * 40},
        {"category": "abc", "compound": "\x00"},
        {"category": "😀", "compound": ""},
        {},
    ],
    ids=["huge-category", "huge-compound", "text-and-nul", "emoji", "empty"],
)
def test_step_one_refuses_unknown_values_with_a_message(client, category, compound, data):
    response = client.post("/reports/", data)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_an_unknown_compound_gets_a_clear_message(client, category, compound):
    response = client.post("/reports/", {"category": category.pk, "compound": compound.pk + 999})
    assert "Please choose one of the compounds listed." in str(
        response.context["form"].errors["compound"]
    ) or "请" in str(response.context["form"].errors["compound"])


def test_an_inactive_category_is_not_offered(client, category, compound):
    category.active = False
    category.save()
    response = client.post("/reports/", {"category": category.pk, "compound": compound.pk})
    assert "category" in response.context["form"].errors


def test_later_steps_without_step_one_go_back_to_it(client, db):
    for path in ("/reports/new/similar/", "/reports/new/details/"):
        assert client.get(path)["Location"] == "/reports/"


@pytest.mark.parametrize(
    "path",
    [
        "/reports/done/" + "9" * 40 + "/",
        "/reports/done/%00%00%00%00%00%00%00%00/",
        "/reports/status/😀😀😀😀😀😀😀😀/",
        "/reports/survey/" + "a" * 300 + "/",
        "/reports/log/9999999999999999999999-1/",
    ],
)
def test_odd_addresses_are_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_a_resident_event_is_the_only_history_at_first(client, category, compound):
    helpers.send_report(client, category, compound)
    assert list(CaseEvent.objects.values_list("kind", flat=True)) == ["status"]
