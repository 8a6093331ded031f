"""What the cases app adds to other pages through their hooks (registered in wagtail_hooks):

- a compound's page (`compound_page_panels`): its open and overdue reports, the newest ones,
  the latest outcomes, the firm's response times by month, and the compound's feeds;
- a firm's performance record (`firm_profile_panels`, rankings): the same for every compound
  the firm serves;
- the home page (`home_page_panels`): "report a problem" and this month's figures.

Each costs a fixed number of statements however many reports there are.
"""

import datetime
import statistics
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from home.panels import HomePanel

from .figures import month_bounds, public_cases
from .models import DONE_STATUSES, WorkOrder
from .naming import localize_cases

HOME_ORDER = 15
NEWEST_SHOWN = 3
RESPONSE_MONTHS = 6


def response_times(work_orders, today):
    """[(month, answered, median days to answer)] for the last months, oldest first.

    Days from sending a work order to the firm's answer; one statement.
    """
    first = (today.replace(day=1) - datetime.timedelta(days=31 * (RESPONSE_MONTHS - 1))).replace(
        day=1
    )
    start, _end = month_bounds(first)
    rows = work_orders.filter(sent_at__gte=start, answered_at__isnull=False).values_list(
        "sent_at", "answered_at"
    )
    by_month = defaultdict(list)
    for sent_at, answered_at in rows:
        month = timezone.localtime(sent_at).date().replace(day=1)
        by_month[month].append((answered_at - sent_at).total_seconds() / 86400)
    months, month = [], first
    while month <= today:
        days = by_month.get(month, [])
        median = round(statistics.median(days), 1) if days else None
        months.append({"month": month, "answered": len(days), "median_days": median})
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def _panel(cases, work_orders, template, **extra):
    today = timezone.localdate()
    open_cases = cases.open()
    newest = localize_cases(
        open_cases.select_related("category", "compound").order_by("-received_at", "-pk")[
            :NEWEST_SHOWN
        ]
    )
    # The outcomes staff wrote for the public: what the compound's residents most want to read.
    outcomes = localize_cases(
        cases.filter(status__in=DONE_STATUSES)
        .exclude(outcome_summary="")
        .select_related("category", "compound")
        .order_by("-resolved_at", "-pk")[:NEWEST_SHOWN]
    )
    return {
        "template": template,
        "open_count": open_cases.count(),
        "overdue_count": open_cases.overdue().count(),
        "newest": newest,
        "outcomes": outcomes,
        "response_times": response_times(work_orders, today),
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
    start, end = month_bounds(timezone.localdate().replace(day=1))
    figures = public_cases().aggregate(
        received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
        resolved=Count("pk", filter=Q(resolved_at__gte=start, resolved_at__lt=end)),
    )
    return HomePanel(
        "cases/public/includes/home_panel.html", HOME_ORDER, {"month": start, **figures}
    )
