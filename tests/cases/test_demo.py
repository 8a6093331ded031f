"""The demo's reports: every state and route, and the three stories the issue names."""

import pytest

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
