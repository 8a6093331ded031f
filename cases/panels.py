"""What the cases app adds to other pages through their hooks (registered in wagtail_hooks):

- a compound's page (`compound_page_panels`): its open and overdue reports, the newest ones,
  its outcomes (disputes settled, 协商 held, joint-meeting issues solved), the latest outcome
  summaries, the firm's response times by month, and the compound's feeds;
- a firm's performance record (`firm_profile_panels`, rankings): the same for every compound
  the firm serves;
- the home page (`home_page_panels`): "report a problem", this month's figures and the
  outcomes so far.

Every figure is counted from the records by cases/figures.py (the seed's 158 disputes, 33 协商
and 21 joint-meeting issues are never typed in).

Each costs a fixed number of statements however many reports there are.
"""

from django.utils import timezone

from home.panels import HomePanel

from .figures import (
    case_counts,
    next_month,
    outcome_counts,
    outcome_rows,
    public_cases,
    response_times,
    state_counts,
)
from .models import DONE_STATUSES, WorkOrder
from .naming import localize_cases

HOME_ORDER = 15
NEWEST_SHOWN = 3
RESPONSE_MONTHS = 6


def _panel(cases, work_orders, template, **extra):
    today = timezone.localdate()
    newest = localize_cases(
        cases.open()
        .select_related("category", "compound")
        .order_by("-received_at", "-pk")[:NEWEST_SHOWN]
    )
    # The outcomes staff wrote for the public: what the compound's residents most want to read.
    latest_outcomes = localize_cases(
        cases.filter(status__in=DONE_STATUSES)
        .exclude(outcome_summary="")
        .select_related("category", "compound")
        .order_by("-resolved_at", "-pk")[:NEWEST_SHOWN]
    )
    counts = cases.aggregate(**state_counts(), **outcome_counts())
    return {
        "template": template,
        "open_count": counts.pop("open"),
        "overdue_count": counts.pop("overdue"),
        "outcomes": outcome_rows(counts),
        "newest": newest,
        "latest_outcomes": latest_outcomes,
        "response_times": response_times(work_orders, today, RESPONSE_MONTHS),
        **extra,
    }


def compound_panel(index, compound, request):
    """The compound's share of the log; `compound` is the default-language one."""
    cases = public_cases().filter(compound=compound)
    return _panel(
        cases,
        WorkOrder.objects.filter(case__compound=compound, case__is_public=True),
        "cases/public/includes/compound_panel.html",
        compound=compound,
    )


def firm_panel(index, firm, request):
    """A firm's share of the log: the reports from compounds it serves now, its work orders."""
    cases = public_cases().filter(compound__property_firm=firm)
    return _panel(
        cases,
        WorkOrder.objects.filter(firm=firm, case__is_public=True),
        "cases/public/includes/firm_panel.html",
        firm=firm,
    )


def home_panel(home, request):
    """This month's counts and the outcomes so far (disputes settled, 协商 held, joint-meeting
    issues solved), all in one statement, counted from the records (cases/figures.py)."""
    month = timezone.localdate().replace(day=1)
    counts = public_cases().aggregate(**case_counts(month, next_month(month)), **outcome_counts())
    context = {
        "month": month,
        "received": counts.pop("received"),
        "resolved": counts.pop("resolved"),
        "outcomes": outcome_rows(counts),
    }
    return HomePanel("cases/public/includes/home_panel.html", HOME_ORDER, context)
