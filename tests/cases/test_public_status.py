"""After sending: the status page (reference + last four digits), updates, and the survey."""

import pytest

from cases.models import CaseEvent, SatisfactionSurvey

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(compound, category):
    return helpers.make_report(helpers.make_case(compound, category))


def look_up(client, reference, last_four, prefix=""):
    return client.post(
        f"{prefix}/reports/status/", {"reference": reference, "mobile_last_four": last_four}
    )


@pytest.mark.parametrize(
    ("typed_reference", "typed_digits"),
    [
        (None, "5678"),
        ("lower", "5678"),
        ("dashed", "５６７８"),  # full-width digits from a Chinese input method
    ],
)
def test_the_reporter_finds_the_report(client, report, typed_reference, typed_digits):
    reference = {
        None: report.reference,
        "lower": report.reference.lower(),
        "dashed": report.display_reference,
    }[typed_reference]
    response = look_up(client, reference, typed_digits)
    assert response.status_code == 302
    assert response["Location"] == f"/reports/status/{report.reference}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert report.case.public_number in page.content.decode()


@pytest.mark.parametrize(
    ("reference", "digits"),
    [("right", "0000"), ("ABCDEFGH", "5678"), ("right", "٥٦٧٨"), ("right", "56789")],
    ids=["wrong digits", "unknown reference", "arabic-indic digits", "five digits"],
)
def test_a_wrong_combination_gets_the_same_message(client, report, reference, digits):
    response = look_up(client, report.reference if reference == "right" else reference, digits)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_status_page_needs_the_look_up_first(client, report):
    response = client.get(f"/reports/status/{report.reference}/")
    assert response["Location"] == "/reports/status/"


def test_look_ups_are_rate_limited(client, report, settings):
    settings.HEMEI_RATE_LIMITS = {"report-status-ip": (3, 900)}
    for _ in range(3):
        assert look_up(client, report.reference, "0000").status_code == 200
    # Even the right digits are refused now.
    response = look_up(client, report.reference, "5678")
    assert response.status_code == 429


def test_a_transfer_shows_who_holds_it_now_in_plain_words(client, report, admin_user):
    case = report.case
    case.accept(admin_user)
    case.route_to_firm(admin_user)
    case.refresh_from_db()
    look_up(client, report.reference, "5678")
    html = client.get(f"/reports/status/{report.reference}/").content.decode()
    assert case.holder_label and case.holder_label in html


def test_private_notes_stay_off_the_status_page(client, report, admin_user):
    report.case.add_note(admin_user, "内部备注：住户电话打不通", is_public=False)
    look_up(client, report.reference, "5678")
    html = client.get(f"/reports/status/{report.reference}/").content.decode()
    assert "内部备注" not in html


def test_the_reporter_adds_an_update_that_reaches_the_case(client, report):
    look_up(client, report.reference, "5678")
    url = f"/reports/status/{report.reference}/"
    response = client.post(url, {"note": "今天又堵了，拍了照片"})
    assert response.status_code == 302
    event = report.case.events.get(kind=CaseEvent.Kind.RESIDENT_UPDATE)
    assert (event.note, event.is_public) == ("今天又堵了，拍了照片", False)
    assert "今天又堵了" not in client.get(url).content.decode()  # not shown back publicly


@pytest.mark.parametrize("note", ["", "长" * 1001, "坏\x00了"], ids=["empty", "long", "nul"])
def test_a_bad_update_gets_a_message(client, report, note):
    look_up(client, report.reference, "5678")
    response = client.post(f"/reports/status/{report.reference}/", {"note": note})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not report.case.events.filter(kind=CaseEvent.Kind.RESIDENT_UPDATE).exists()


@pytest.fixture
def survey(report, admin_user):
    case = report.case
    case.accept(admin_user)
    case.route_to_firm(admin_user)
    case.resolve(admin_user, "已清理车库入口的占道车辆，并设置了禁停标志。")
    return SatisfactionSurvey.objects.filter(report=report).first() or (
        SatisfactionSurvey.objects.create(case=case, report=report)
    )


def test_fixed_and_satisfied(client, survey):
    url = f"/reports/survey/{survey.token}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"fixed": "yes", "score": "5", "comment": "谢谢"})
    assert response.status_code == 200
    survey.refresh_from_db()
    assert (survey.fixed, survey.score, survey.comment) == (True, 5, "谢谢")
    survey.case.refresh_from_db()
    assert survey.case.status == "resolved"
    # A second answer is not taken.
    again = client.post(url, {"fixed": "no", "score": "1"})
    assert again.context["already"]
    survey.refresh_from_db()
    assert survey.fixed is True


def test_not_fixed_reopens_the_case(client, survey):
    response = client.post(f"/reports/survey/{survey.token}/", {"fixed": "no", "score": "2"})
    assert response.status_code == 200
    survey.case.refresh_from_db()
    assert survey.case.status in ("accepted", "in_hand")
    assert survey.case.reopened_count == 1


@pytest.mark.parametrize(
    "data",
    [{}, {"fixed": "maybe", "score": "5"}, {"fixed": "yes", "score": "9" * 40}, {"score": "0"}],
    ids=["empty", "bad-fixed", "huge-score", "zero"],
)
def test_bad_survey_answers_get_a_message(client, survey, data):
    response = client.post(f"/reports/survey/{survey.token}/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_an_unknown_survey_token_is_not_found(client, db):
    assert client.get("/reports/survey/" + "a" * 43 + "/").status_code == 404


def test_english_status_page(client, report):
    look_up(client, report.reference, "5678", prefix="/en")
    response = client.get(f"/en/reports/status/{report.reference}/")
    assert response.status_code == 200
    assert "Your report" in response.content.decode()
