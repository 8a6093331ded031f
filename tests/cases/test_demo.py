"""The demo's reports: every state and route, and the three stories the issue names."""

import re

import pytest
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cases.models import Case, CaseStatus, HallSession, Mediation, Route, SatisfactionSurvey

pytestmark = pytest.mark.django_db


def test_about_sixty_cases_in_every_state_and_route(demo):
    assert 50 <= Case.objects.count() <= 70
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(Case.objects.exclude(route="").values_list("route", flat=True)) == set(Route.values)
    assert Case.objects.overdue().exists()
    assert SatisfactionSurvey.objects.by_firm().exists()


def test_the_guihua_street_parking_case_gathers_reports_and_ends_in_a_finished_follow_up(demo):
    case = Case.objects.get(title="桂花街沿线停车难")
    assert case.reports.count() >= 5 and case.merged_cases.count() >= 4
    referral = case.meeting_referral
    assert referral.meeting.slug == "guihua-street-parking"
    assert referral.follow_up.status == "resolved" and case.status in (
        CaseStatus.RESOLVED,
        CaseStatus.CLOSED,
    )


def test_a_beilu_huafu_hall_session_and_a_mediation_that_held(demo):
    assert HallSession.objects.filter(
        hall="北路华府邻里厅", agreement_reached="yes", case__compound__slug="beilu-huafu"
    ).exists()
    assert Mediation.objects.filter(case__category__slug="noise", held_at_check="yes").exists()


# A number followed by what the seed counted: inspections, disputes, 协商, trainings and
# joint-meeting issues. Such a figure must come from the records, never from the prose.
TYPED_COUNT = re.compile(
    r"\d+\s*(次|件|场|项)?\s*(联合监督检查|监督检查|矛盾纠纷|纠纷|协商|培训|重大问题)"
    r"|(检查|纠纷|协商|培训|问题)\s*\d+\s*(次|件|场|项)"
    r"|\d+\s+(joint checks|inspections|disputes|consultations|training sessions|major issues)",
    re.IGNORECASE,
)
TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def test_no_page_types_the_counts_that_the_records_hold(demo):
    typed = []
    for page in Page.objects.live().specific():
        for field in page._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                text = str(field.value_from_object(page) or "")
                typed += [(page.slug, field.name, m[0]) for m in TYPED_COUNT.finditer(text)]
    assert typed == []


def test_the_site_shows_the_demo_outcomes_as_counts_of_its_records(demo, client):
    from cases import figures

    totals = figures.period_counts()
    assert (
        totals["disputes_settled"]
        == Mediation.objects.filter(agreed_on__isnull=False, case__in=Case.objects.public()).count()
    )
    response = client.get("/")
    assert response.status_code == 200
    [panel] = [p for p in response.context["home_panels"] if "outcomes" in p.context]
    shown = {key: count for key, _label, count in panel.context["outcomes"]}
    assert shown == {outcome.key: totals[outcome.key] for outcome in figures.OUTCOMES}
    assert shown["meeting_issues_solved"] == 1 and shown["hall_sessions"] >= 1
    html = response.content.decode()
    assert f'data-figure="disputes_settled">{totals["disputes_settled"]}<' in html
