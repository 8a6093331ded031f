"""Grouped figures over any Case queryset (by month, by field, firm response times, satisfaction).

Each group of figures is one grouped statement; medians are taken in Python from the one
statement's rows because SQLite has no median aggregate.
"""

import statistics

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from .models.choices import CaseStatus, YesNo

SECONDS_PER_DAY = 86400


def _median_days(pairs):
    days = [(end - start).total_seconds() / SECONDS_PER_DAY for start, end in pairs]
    return round(statistics.median(days), 1) if days else None


def monthly_figures(cases):
    """Per month received: received, accepted within the target, resolved, median days to resolve.

    `cases` is a Case queryset (already limited to a compound, category, period …); merged
    cases are left out, their reports count in the case that holds them.
    """
    cases = cases.exclude(status=CaseStatus.MERGED)
    rows = (
        cases.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(
            received=Count("pk"),
            accepted_in_time=Count("pk", filter=Q(accepted_at__lte=F("accept_by"))),
            resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        )
        .order_by("month")
    )
    durations = {}
    for month, start, end in (
        cases.filter(resolved_at__isnull=False)
        .annotate(month=TruncMonth("received_at"))
        .values_list("month", "received_at", "resolved_at")
    ):
        durations.setdefault(month, []).append((start, end))
    return [
        {**row, "median_days_to_resolve": _median_days(durations.get(row["month"], []))}
        for row in rows
    ]


def counts_by(cases, field):
    """Received, open and resolved cases per value of `field` (e.g. "category__name")."""
    return list(
        cases.exclude(status=CaseStatus.MERGED)
        .values(field)
        .annotate(
            received=Count("pk"),
            open=Count(
                "pk",
                filter=Q(status__in=(CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.IN_HAND)),
            ),
            resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        )
        .order_by(field)
    )


def firm_response_days(work_orders):
    """Per firm and month sent: work orders, answered, median days to answer."""
    rows = {}
    for firm_id, firm_name, month, sent, answered in (
        work_orders.annotate(month=TruncMonth("sent_at"))
        .values_list("firm_id", "firm__name", "month", "sent_at", "answered_at")
        .order_by("firm__name", "month")
    ):
        row = rows.setdefault(
            (firm_id, month),
            {"firm_id": firm_id, "firm": firm_name, "month": month, "orders": 0, "_pairs": []},
        )
        row["orders"] += 1
        if answered is not None:
            row["_pairs"].append((sent, answered))
    return [
        {
            **{k: v for k, v in row.items() if k != "_pairs"},
            "answered": len(row["_pairs"]),
            "median_days_to_answer": _median_days(row["_pairs"]),
        }
        for row in rows.values()
    ]


def outcome_totals(cases):
    """Disputes settled by mediation, 协商 sessions held, joint-meeting issues solved."""
    from .models import HallSession, Mediation, MeetingReferral

    return {
        "disputes_settled": Mediation.objects.filter(
            case__in=cases, agreed_on__isnull=False
        ).count(),
        "disputes_held": Mediation.objects.filter(case__in=cases, held_at_check=YesNo.YES).count(),
        "hall_sessions_held": HallSession.objects.filter(
            case__in=cases, held_on__isnull=False, agreement_reached__in=YesNo.values
        ).count(),
        "meeting_issues_solved": MeetingReferral.objects.filter(
            case__in=cases, follow_up__status="resolved"
        ).count(),
    }
