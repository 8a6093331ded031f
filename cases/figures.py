"""Monthly figures of the public log, counted from the records, never typed in.

One month costs a fixed handful of statements: the cases received in it, the cases resolved
in it, the 协商 sessions held and the satisfaction answers; the breakdowns by category,
compound and firm are added up from those rows in Python (a month has tens of cases, not
millions), which keeps the date arithmetic out of the two databases' SQL dialects.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils import timezone

from home.models import Compound, PropertyFirm

from .models import CaseCategory, HallSession, Route, SatisfactionSurvey
from .naming import translated_names


@dataclass
class Breakdown:
    name: str
    received: int = 0
    accepted_in_time: int = 0
    resolved: int = 0
    resolve_days: list = field(default_factory=list)

    @property
    def median_days(self):
        return _median(self.resolve_days)


@dataclass
class MonthFigures:
    month: datetime.date
    received: int = 0
    accepted: int = 0
    accepted_in_time: int = 0
    resolved: int = 0
    resolve_days: list = field(default_factory=list)
    disputes_settled: int = 0
    hall_sessions: int = 0
    meeting_issues_solved: int = 0
    surveys_answered: int = 0
    surveys_fixed: int = 0
    average_score: float | None = None
    by_category: list = field(default_factory=list)
    by_compound: list = field(default_factory=list)
    by_firm: list = field(default_factory=list)

    @property
    def median_days(self):
        return _median(self.resolve_days)


def _median(values):
    return round(statistics.median(values), 1) if values else None


def month_bounds(month):
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))
    return start, end


def public_cases():
    """What the log shows: public cases, merged ones excluded (by `Case.objects.public()`)."""
    from .models import Case

    return Case.objects.public()


def available_months():
    """Months with at least one public case, newest first (first days)."""
    months = public_cases().datetimes("received_at", "month", order="DESC")
    return [timezone.localtime(moment).date().replace(day=1) for moment in months]


def _days(start, end):
    return (end - start).total_seconds() / 86400


def monthly_figures(month):
    start, end = month_bounds(month)
    figures = MonthFigures(month=month)
    groups = {"category": {}, "compound": {}, "firm": {}}

    def rows_for(case):
        keys = (
            ("category", case["category_id"]),
            ("compound", case["compound_id"]),
            ("firm", case["compound__property_firm_id"]),
        )
        for group, key in keys:
            if key is not None:
                yield groups[group].setdefault(key, Breakdown(name=""))

    fields = (
        "category_id",
        "compound_id",
        "compound__property_firm_id",
        "received_at",
        "accepted_at",
        "resolved_at",
        "route",
        "accept_by",
    )
    received = public_cases().filter(received_at__gte=start, received_at__lt=end).values(*fields)
    for case in received:
        figures.received += 1
        in_time = case["accepted_at"] is not None and case["accepted_at"] <= case["accept_by"]
        figures.accepted += case["accepted_at"] is not None
        figures.accepted_in_time += in_time
        for row in rows_for(case):
            row.received += 1
            row.accepted_in_time += in_time
    resolved = public_cases().filter(resolved_at__gte=start, resolved_at__lt=end).values(*fields)
    for case in resolved:
        days = _days(case["received_at"], case["resolved_at"])
        figures.resolved += 1
        figures.resolve_days.append(days)
        figures.disputes_settled += case["route"] == Route.MEDIATION
        figures.meeting_issues_solved += case["route"] == Route.MEETING
        for row in rows_for(case):
            row.resolved += 1
            row.resolve_days.append(days)
    figures.hall_sessions = HallSession.objects.filter(
        held_on__gte=month, held_on__lt=end.date()
    ).count()
    answers = SatisfactionSurvey.objects.filter(
        answered_at__gte=start, answered_at__lt=end
    ).aggregate(answered=Count("pk"), fixed=Count("pk", filter=Q(fixed=True)), score=Avg("score"))
    figures.surveys_answered = answers["answered"]
    figures.surveys_fixed = answers["fixed"]
    figures.average_score = round(answers["score"], 1) if answers["score"] is not None else None
    figures.by_category = _named(groups["category"], CaseCategory, "sort_order")
    figures.by_compound = _named(groups["compound"], Compound, "name")
    figures.by_firm = _named(groups["firm"], PropertyFirm, "name")
    return figures


def _named(rows, model, order):
    if not rows:
        return []
    objects = list(model.objects.filter(pk__in=list(rows)).order_by(order))
    names = translated_names(objects)
    for obj in objects:
        rows[obj.pk].name = names[obj.pk]
    return [rows[obj.pk] for obj in objects]
