"""Figures are counted from the records, each in one way (cases/figures.py)."""

import datetime

import pytest

from cases import figures
from cases.models import Case, CaseStatus, HallSession, Mediation, WorkOrder
from tests.factories.cases import ReportFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2026, 11, 1)


def test_monthly_figures_and_medians(staff, clock):
    fast, slow, waiting = (ReportFactory().case for _n in range(3))
    clock.shift(hours=2)
    for case in (fast, slow):
        case.accept(staff)
        case.route_to_firm(staff)
    clock.shift(days=1)
    fast.resolve(staff, "已处理")
    clock.shift(days=2)
    slow.resolve(staff, "已处理")
    month = Case.objects.monthly_figures(NOVEMBER)
    assert (month.received, month.accepted_in_time, month.resolved) == (3, 2, 2)
    assert month.median_days == 2.1  # 1.1 and 3.1 days
    [category] = month.by_category
    assert (category.received, category.resolved, category.median_days) == (3, 2, 2.1)
    assert sum(row.received for row in month.by_compound) == 3
    assert figures.period_counts(Case.objects.all())["resolved"] == 2
    assert Case.objects.monthly_figures(datetime.date(2026, 10, 1)).received == 0
    [*_earlier, this_month] = figures.response_times(WorkOrder.objects.all(), NOW.date(), months=6)
    assert (this_month["month"], this_month["answered"]) == (NOVEMBER, 0)
    assert waiting.status == CaseStatus.RECEIVED


def test_outcomes_are_dated_by_their_records(staff, clock):
    """A dispute counts in the month it was settled, a session in the month it was held."""
    dispute, talk, hidden = (ReportFactory().case for _n in range(3))
    Mediation.objects.create(case=dispute, agreed_on=datetime.date(2026, 10, 30))
    held = {"hall": "邻里厅", "agreement_reached": "no"}
    HallSession.objects.create(case=talk, held_on=datetime.date(2026, 11, 2), **held)
    HallSession.objects.create(case=talk, hall="邻里厅", held_on=NOW.date())  # planned, not held
    HallSession.objects.create(case=hidden, held_on=datetime.date(2026, 11, 3), **held)
    hidden.is_public = False
    hidden.save(update_fields=["is_public"])
    november = figures.period_counts(None, NOVEMBER, datetime.date(2026, 12, 1))
    assert (november["disputes_settled"], november["hall_sessions"]) == (0, 1)
    assert figures.period_counts()["disputes_settled"] == 1
    by_month = {outcome.key: outcome.monthly(Case.objects.public()) for outcome in figures.OUTCOMES}
    assert by_month["disputes_settled"] == {"2026-10": 1}
    assert by_month["hall_sessions"] == {"2026-11": 1}
    assert by_month["meeting_issues_solved"] == {}


def test_the_demo_outcomes_are_counted_from_its_records(demo):
    totals = figures.period_counts()
    assert (
        totals["disputes_settled"]
        == Mediation.objects.filter(agreed_on__isnull=False, case__in=Case.objects.public()).count()
    )
    assert totals["disputes_settled"] >= 3 and totals["hall_sessions"] >= 1
    assert totals["meeting_issues_solved"] == 1


def test_the_achievements_page_gets_the_outcomes_as_counted_here(staff, clock):
    from home.achievements import achievement_figures

    dispute = ReportFactory().case
    Mediation.objects.create(case=dispute, agreed_on=datetime.date(2026, 10, 30))
    mine = {f.key: f for f in achievement_figures() if f.key.startswith("cases_")}
    assert set(mine) == {f"cases_{outcome.key}" for outcome in figures.OUTCOMES}
    settled = mine["cases_disputes_settled"]
    assert (settled.total, settled.monthly) == (1, {"2026-10": 1})
    assert mine["cases_hall_sessions"].total == 0
