"""Every figure of residents' reports, counted from the records in one way, never typed in.

Each figure has one definition here, written once as an aggregate expression, and every page
(the public monthly figures, the home page, the compound page, the firm's record, the
achievements page) asks for it through this module:

- received: cases received in the period (merged cases are left out: their reports count in
  the case that holds them);
- accepted in time: of those, the ones accepted by their target time (快受);
- resolved: cases resolved in the period (a reopened case is no longer resolved);
- median days to resolve: received → resolved, over the cases resolved in the period;
- disputes settled (纠纷调解): mediations that reached an agreement in the period; held: the
  ones whose agreement still held at the check 30 days later;
- 协商 sessions held: neighbourhood-hall sessions held in the period (outcome recorded);
- joint-meeting issues solved: cases referred to the joint meeting, resolved in the period;
- firm response times: work orders answered, days from sending to the answer, by month sent;
- open and overdue now: as `CaseQuerySet.open()` and `.overdue()` select them.

Public figures count the cases the public log shows (`public_cases()`), so that anyone can
check a figure against the log. Counts are grouped in SQL; medians are taken in Python from one
statement's rows, because SQLite has no median aggregate. Months are the site's time zone's.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Compound, PropertyFirm

from .models import Case, CaseCategory, CaseStatus, SatisfactionSurvey
from .models.cases import overdue_q
from .models.choices import OPEN_STATUSES, YesNo
from .naming import translated_names

SECONDS_PER_DAY = 86400
ACHIEVEMENT_ORDER = 40


def month_bounds(month):
    """The aware datetimes [first moment of `month`, first moment of the next month)."""
    return _aware(month), _aware(next_month(month))


def next_month(month):
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def public_cases():
    """What the log shows: public cases, merged ones excluded (by `Case.objects.public()`)."""
    return Case.objects.public()


def available_months():
    """Months with at least one public case, newest first (first days)."""
    months = public_cases().datetimes("received_at", "month", order="DESC")
    return [timezone.localtime(moment).date().replace(day=1) for moment in months]


def _days(start, end):
    return (end - start).total_seconds() / SECONDS_PER_DAY


def _median(values):
    return round(statistics.median(values), 1) if values else None


def _between(lookup, start, end):
    """`lookup` set and, when given, within [start, end)."""
    q = Q(**{f"{lookup}__isnull": False})
    if start is not None:
        q &= Q(**{f"{lookup}__gte": start})
    if end is not None:
        q &= Q(**{f"{lookup}__lt": end})
    return q


@dataclass(frozen=True)
class Outcome:
    """An outcome counted from the route records of cases, dated by one of their fields."""

    key: str
    label: str
    relation: str  # from Case to the record counted
    date_lookup: str  # from Case to the record's date
    is_datetime: bool = False
    extra: Q = field(default_factory=Q)

    def condition(self, first=None, following=None):
        """The records counted for [first day, following first day) (both optional)."""
        start, end = (
            (_aware(first) if first else None, _aware(following) if following else None)
            if self.is_datetime
            else (first, following)
        )
        return _between(self.date_lookup, start, end) & self.extra

    def count(self, first=None, following=None):
        return Count(self.relation, filter=self.condition(first, following), distinct=True)

    def monthly(self, cases):
        """{"YYYY-MM": count} over all time; one statement."""
        dates = (
            cases.exclude(status=CaseStatus.MERGED)
            .filter(self.condition())
            .values_list(self.date_lookup, self.relation)
            .distinct()
        )
        counts = Counter()
        for moment, _pk in dates:
            day = timezone.localtime(moment).date() if self.is_datetime else moment
            counts[f"{day:%Y-%m}"] += 1
        return dict(sorted(counts.items()))


OUTCOMES = (
    Outcome(
        "disputes_settled",
        _("Disputes settled by mediation"),
        "mediation",
        "mediation__agreed_on",
    ),
    Outcome(
        "disputes_held",
        _("Mediated agreements that held at the 30-day check"),
        "mediation",
        "mediation__checked_on",
        extra=Q(mediation__held_at_check=YesNo.YES),
    ),
    Outcome(
        "hall_sessions",
        _("Neighbourhood-hall consultations held"),
        "hall_sessions",
        "hall_sessions__held_on",
        # A date set when routing is only the planned one: held once its outcome is recorded.
        extra=Q(hall_sessions__agreement_reached__in=YesNo.values),
    ),
    Outcome(
        "meeting_issues_solved",
        _("Joint-meeting issues solved"),
        "meeting_referral",
        "resolved_at",
        is_datetime=True,
        extra=Q(meeting_referral__isnull=False),
    ),
)


def case_counts(first=None, following=None):
    """Aggregate expressions of the case counts for [first day, following first day)."""
    start = _aware(first) if first else None
    end = _aware(following) if following else None
    received = _between("received_at", start, end)
    return {
        "received": Count("pk", filter=received, distinct=True),
        "accepted_in_time": Count(
            "pk", filter=received & Q(accepted_at__lte=F("accept_by")), distinct=True
        ),
        "resolved": Count("pk", filter=_between("resolved_at", start, end), distinct=True),
    }


def outcome_counts(first=None, following=None):
    """Aggregate expressions of the outcomes for [first day, following first day)."""
    return {outcome.key: outcome.count(first, following) for outcome in OUTCOMES}


def outcome_rows(counts):
    """[(key, label, count)] of the outcomes in an aggregate's result, for the pages."""
    return [(outcome.key, outcome.label, counts[outcome.key]) for outcome in OUTCOMES]


def state_counts(now=None):
    """Aggregate expressions of the cases open now and overdue now."""
    return {
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES), distinct=True),
        "overdue": Count("pk", filter=overdue_q(now), distinct=True),
    }


def period_counts(cases=None, first=None, following=None):
    """Every count of the cases for a period (all time without bounds), in one statement."""
    cases = public_cases() if cases is None else cases.exclude(status=CaseStatus.MERGED)
    return cases.aggregate(**case_counts(first, following), **outcome_counts(first, following))


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
    accepted_in_time: int = 0
    resolved: int = 0
    resolve_days: list = field(default_factory=list)
    disputes_settled: int = 0
    disputes_held: int = 0
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


GROUPS = (
    ("by_category", "category_id", CaseCategory, "sort_order"),
    ("by_compound", "compound_id", Compound, "name"),
    ("by_firm", "compound__property_firm_id", PropertyFirm, "name"),
)


def monthly_figures(month, cases=None):
    """A month's figures, in total and by category, compound and firm.

    A fixed handful of statements: the counts, the counts grouped by (category, compound,
    firm) and added up per group, the resolved cases' durations, the satisfaction answers and
    one statement of names per group.
    """
    cases = public_cases() if cases is None else cases.exclude(status=CaseStatus.MERGED)
    following = next_month(month)
    start, end = month_bounds(month)
    figures = MonthFigures(month=month, **period_counts(cases, month, following))
    keys = [key for _attr, key, _model, _order in GROUPS]
    groups = {key: defaultdict(lambda: Breakdown(name="")) for key in keys}
    grouped = (
        cases.filter(
            Q(received_at__gte=start, received_at__lt=end)
            | Q(resolved_at__gte=start, resolved_at__lt=end)
        )
        .values(*keys)
        .annotate(**case_counts(month, following))
        .order_by()
    )
    for row in grouped:
        for key in keys:
            if row[key] is not None:
                breakdown = groups[key][row[key]]
                breakdown.received += row["received"]
                breakdown.accepted_in_time += row["accepted_in_time"]
                breakdown.resolved += row["resolved"]
    for *values, received_at, resolved_at in cases.filter(
        resolved_at__gte=start, resolved_at__lt=end
    ).values_list(*keys, "received_at", "resolved_at"):
        days = _days(received_at, resolved_at)
        figures.resolve_days.append(days)
        for key, value in zip(keys, values, strict=True):
            if value is not None:
                groups[key][value].resolve_days.append(days)
    answers = (
        SatisfactionSurvey.objects.filter(
            case__in=cases, answered_at__gte=start, answered_at__lt=end
        )
    ).totals()
    figures.surveys_answered = answers["answers"]
    figures.surveys_fixed = answers["fixed_count"]
    score = answers["average_score"]
    figures.average_score = round(score, 1) if score is not None else None
    for attr, key, model, order in GROUPS:
        setattr(figures, attr, _named(groups[key], model, order))
    return figures


def _named(rows, model, order):
    rows = {pk: row for pk, row in rows.items() if row.received or row.resolved}
    if not rows:
        return []
    objects = list(model.objects.filter(pk__in=list(rows)).order_by(order))
    names = translated_names(objects)
    for obj in objects:
        rows[obj.pk].name = names[obj.pk]
    return [rows[obj.pk] for obj in objects]


def response_times(work_orders, today, months):
    """[{month, answered, median_days}] for the last `months` months, oldest first.

    Days from sending a work order to the firm's answer, by the month it was sent; one
    statement.
    """
    first = today.replace(day=1)
    for _n in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    rows = work_orders.filter(sent_at__gte=_aware(first), answered_at__isnull=False).values_list(
        "sent_at", "answered_at"
    )
    by_month = defaultdict(list)
    for sent_at, answered_at in rows:
        by_month[timezone.localtime(sent_at).date().replace(day=1)].append(
            _days(sent_at, answered_at)
        )
    result, month = [], first
    while month <= today:
        days = by_month.get(month, [])
        result.append({"month": month, "answered": len(days), "median_days": _median(days)})
        month = next_month(month)
    return result


def achievement_figures(community=None):
    """The outcomes for the achievements page, and the reports received and resolved and the
    median days to resolve for the city level (home/achievements.py hook), monthly and in
    total, counted as everywhere else; 2 + one statement per outcome."""
    from home.achievements import CITY, AchievementFigure

    cases = public_cases()
    if community is not None:
        cases = cases.filter(community__translation_key=community.translation_key)
    totals = period_counts(cases)
    resolved = cases.filter(resolved_at__isnull=False).values_list("received_at", "resolved_at")
    days = [_days(received, done) for received, done in resolved]
    figures = [
        AchievementFigure(
            key=f"cases_{outcome.key}",
            label=str(outcome.label),
            total=totals[outcome.key],
            monthly=outcome.monthly(cases),
            order=ACHIEVEMENT_ORDER + n,
        )
        for n, outcome in enumerate(OUTCOMES)
    ]
    city = frozenset({CITY})
    return figures + [
        AchievementFigure(
            "cases_received",
            str(_("Residents' reports received")),
            totals["received"],
            order=ACHIEVEMENT_ORDER - 3,
            scopes=city,
        ),
        AchievementFigure(
            "cases_resolved",
            str(_("Residents' reports resolved")),
            totals["resolved"],
            order=ACHIEVEMENT_ORDER - 2,
            scopes=city,
        ),
        AchievementFigure(
            "cases_median_days",
            str(_("Median days to resolve a report")),
            _median(days),
            order=ACHIEVEMENT_ORDER - 1,
            scopes=city,
        ),
    ]


def city_figures(communities):
    """Reports received and resolved and the median days to resolve, in each community and
    in the city, as `achievement_figures` counts them: two statements (the counts grouped by
    community, the resolved cases' durations), whatever the number of communities."""
    from home.achievements import CITY, TOTAL, AchievementFigure, by_community

    cases = public_cases()
    counts = list(cases.values("community__translation_key").annotate(**case_counts()).order_by())
    received, resolved = (
        by_community(
            [(row["community__translation_key"], row[name]) for row in counts], communities
        )
        for name in ("received", "resolved")
    )
    days = defaultdict(list)
    for key, start, end in cases.filter(resolved_at__isnull=False).values_list(
        "community__translation_key", "received_at", "resolved_at"
    ):
        days[key].append(_days(start, end))
    medians = {key: _median(values) for key, values in days.items()}
    medians[TOTAL] = _median([value for values in days.values() for value in values])
    city = frozenset({CITY})
    labels = (
        ("cases_received", _("Residents' reports received"), received),
        ("cases_resolved", _("Residents' reports resolved"), resolved),
    )
    return {
        key: [
            AchievementFigure(
                name, str(label), values[key], order=ACHIEVEMENT_ORDER - 3 + n, scopes=city
            )
            for n, (name, label, values) in enumerate(labels)
        ]
        + [
            AchievementFigure(
                "cases_median_days",
                str(_("Median days to resolve a report")),
                medians.get(key),
                order=ACHIEVEMENT_ORDER - 1,
                scopes=city,
            )
        ]
        for key in received
    }
