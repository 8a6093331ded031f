"""Bad input on every public cases parameter the other test_public_* files leave out.

The issue's list (oversized/fake image, wrong mobile, unknown compound, over-long text, emoji,
NUL, huge integers in any parameter): report steps and photos are in test_public_report.py and
test_public_images.py, the status look-up, updates and survey in test_public_status.py. Here:
the log's and the figures' query parameters, the page number, "me too", the status look-up's
own fields, the survey's comment, and the unknown compound's message in both languages with
the choice kept. Never a 5xx; a form says what is wrong and keeps what was typed.
"""

import re

import pytest

from cases.models import CaseSupport, SatisfactionSurvey

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

ODD_VALUES = {
    "nul": "\x00",
    "emoji": "😀",
    "huge integer": "9" * 40,
    "negative": "-1",
    "over-long": "长" * 5000,
}


@pytest.fixture
def open_case(compound, category):
    case = helpers.make_case(compound, category, title="车库入口被占")
    helpers.make_report(case)
    return case


@pytest.mark.parametrize("param", ["compound", "category", "month", "status", "page"])
@pytest.mark.parametrize("value", ODD_VALUES.values(), ids=ODD_VALUES.keys())
def test_odd_log_parameters_are_ignored(client, open_case, param, value):
    response = client.get("/reports/log/", {param: value})
    assert response.status_code == 200
    assert open_case.public_number in response.content.decode()


@pytest.mark.parametrize("value", ODD_VALUES.values(), ids=ODD_VALUES.keys())
def test_odd_figures_month_falls_back_to_the_newest(client, open_case, value):
    response = client.get("/reports/log/figures/", {"month": value})
    assert response.status_code == 200
    assert response.context["figures"].received == 1


@pytest.mark.parametrize("value", [*ODD_VALUES.values(), "2026-1", "1999-0001"])
def test_me_too_with_an_odd_case_number_counts_nothing(client, open_case, value):
    response = client.post("/reports/new/me-too/", {"case": value})
    assert response.status_code == 302
    assert not CaseSupport.objects.exists()


@pytest.mark.parametrize(
    ("reference", "digits"),
    [
        ("\x00" * 8, "5678"),
        ("😀" * 8, "5678"),
        ("9" * 40, "9" * 40),
        ("R" * 500, "5678"),
        ("", ""),
        ("right", "56\x0078"),
    ],
    ids=["nul", "emoji", "huge", "over-long", "empty", "nul-digits"],
)
def test_the_status_look_up_refuses_odd_input_and_keeps_it(client, open_case, reference, digits):
    report = open_case.reports.get()
    typed = report.reference if reference == "right" else reference
    response = client.post("/reports/status/", {"reference": typed, "mobile_last_four": digits})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    assert 'class="error-summary"' in response.content.decode() or form.non_field_errors()
    if typed.isprintable() and 0 < len(typed) <= 20:
        assert typed in response.content.decode()  # the input is kept


@pytest.mark.parametrize(
    "comment", ["评" * 1001, "好\x00了"], ids=["over-long comment", "NUL in the comment"]
)
def test_a_bad_survey_comment_gets_a_message(client, open_case, admin_user, comment):
    open_case.accept(admin_user)
    open_case.route_to_firm(admin_user)
    open_case.resolve(admin_user, "已清理。")
    report = open_case.reports.get()
    survey = SatisfactionSurvey.objects.filter(report=report).first() or (
        SatisfactionSurvey.objects.create(case=open_case, report=report)
    )
    response = client.post(
        f"/reports/survey/{survey.token}/", {"fixed": "yes", "score": "4", "comment": comment}
    )
    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_an_emoji_in_the_survey_comment_is_kept(client, open_case, admin_user):
    open_case.accept(admin_user)
    open_case.route_to_firm(admin_user)
    open_case.resolve(admin_user, "已清理。")
    report = open_case.reports.get()
    survey = SatisfactionSurvey.objects.filter(report=report).first() or (
        SatisfactionSurvey.objects.create(case=open_case, report=report)
    )
    client.post(
        f"/reports/survey/{survey.token}/", {"fixed": "yes", "score": "5", "comment": "谢谢👍"}
    )
    survey.refresh_from_db()
    assert survey.comment == "谢谢👍"


@pytest.mark.parametrize(
    ("prefix", "message"),
    [("", "请从列出的小区中选择"), ("/en", "Please choose one of the compounds listed.")],
)
def test_an_unknown_compound_is_named_and_the_category_kept(
    client, category, compound, prefix, message
):
    response = client.post(
        f"{prefix}/reports/", {"category": category.pk, "compound": compound.pk + 999}
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["compound"])
    assert response.context["form"]["category"].value() == str(category.pk)
    chosen = re.compile(rf'<(input|option)[^>]*value="{category.pk}"[^>]*(checked|selected)')
    assert chosen.search(response.content.decode())
