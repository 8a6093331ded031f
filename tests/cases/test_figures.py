"""Figures are counted from the records."""

import datetime

import pytest

from cases.models import Case, WorkOrder
from cases.record_figures import counts_by, firm_response_days, outcome_totals
from tests.factories.cases import ReportFactory

pytestmark = pytest.mark.django_db


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
    [month] = Case.objects.monthly_figures()
    assert (month["month"].month, month["received"], month["accepted_in_time"]) == (11, 3, 2)
    assert month["resolved"] == 2 and month["median_days_to_resolve"] == 2.1  # 1.1 and 3.1 days
    by_category = counts_by(Case.objects.all(), "category__slug")
    assert by_category == [{"category__slug": "repairs", "received": 3, "open": 1, "resolved": 2}]
    [firm_row, *rest] = sorted(firm_response_days(WorkOrder.objects.all()), key=lambda r: r["firm"])
    assert firm_row["orders"] == 1 and firm_row["answered"] == 0
    assert outcome_totals(Case.objects.all()) == {
        "disputes_settled": 0,
        "disputes_held": 0,
        "hall_sessions_held": 0,
        "meeting_issues_solved": 0,
    }
    assert waiting.status == "received" and isinstance(month["month"], datetime.datetime)


def test_outcome_totals_count_the_demo_records(demo):
    totals = outcome_totals(Case.objects.all())
    assert totals["disputes_settled"] >= 3 and totals["hall_sessions_held"] >= 1
    assert totals["meeting_issues_solved"] == 1
