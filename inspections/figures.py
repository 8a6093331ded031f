"""Inspections and trainings as figures of the achievements page and items of the overdue
panel (home's `achievement_figures` and `overdue_items` registries)."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.achievements import ACHIEVEMENTS, CITY, AchievementFigure, by_community
from home.communities import firms_of
from home.community_scope import scoped
from home.overdue import OverdueItem, today

from .models import (
    Inspection,
    RequirementCheck,
    Training,
    TrainingAttendance,
    requirement_standings,
)


def by_month(queryset, date_field, value=None):
    """{"YYYY-MM": value} in one grouped statement; value defaults to the row count."""
    rows = (
        queryset.annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(value=value or Count("pk"))
        .order_by("month")
    )
    return {row["month"].strftime("%Y-%m"): row["value"] or 0 for row in rows if row["month"]}


def achievement_figures(community=None):
    inspections = Inspection.objects.all()
    trainings = Training.objects.all()
    staff = TrainingAttendance.objects.filter(attended=True)
    if community is not None:
        key = community.translation_key
        inspections = inspections.filter(compound__community__translation_key=key)
        # A training is the community's when one of its firms attended it.
        firms = firms_of(community).values("pk")
        staff = staff.filter(firm__in=firms)
        trainings = trainings.filter(pk__in=staff.values("training"))
    rectified = inspections.filter(status=Inspection.Status.RECTIFIED)
    staff_monthly = by_month(staff, "training__date", Sum("staff_count"))
    return [
        AchievementFigure(
            "inspections",
            _("Joint supervision inspections"),
            inspections.count(),
            by_month(inspections, "date"),
            order=20,
            scopes=frozenset({ACHIEVEMENTS, CITY}),
        ),
        AchievementFigure(
            "inspections_rectified",
            _("Inspection findings rectified (re-check confirmed)"),
            rectified.count(),
            by_month(rectified, "recheck_on"),
            order=21,
        ),
        AchievementFigure(
            "trainings",
            _("Training sessions for firm staff"),
            trainings.count(),
            by_month(trainings, "date"),
            order=22,
        ),
        AchievementFigure(
            "staff_trained",
            _("Firm staff trained (attendances)"),
            sum(staff_monthly.values()),
            staff_monthly,
            order=23,
        ),
    ]


def overdue_items(user):
    if not user.has_perm("inspections.view_inspection"):
        return []
    return overdue_rectifications(user) + overdue_requirements(user)


def overdue_rectifications(user):
    return [
        OverdueItem(
            kind=_("Rectification after an inspection"),
            title=(
                f"{inspection.compound.name} · {inspection.firm.name} · {inspection.date:%Y-%m-%d}"
            ),
            url=reverse("inspections_recheck", args=[inspection.pk]),
            due=inspection.rectification_deadline,
            days=inspection.days_overdue(),
        )
        for inspection in scoped(Inspection.objects.overdue(), user).select_related(
            "compound", "firm"
        )
    ]


def overdue_requirements(user):
    """Work-letter requirements past their due date that a firm had not done at its latest
    inspection, each linked to that inspection (where the next check is recorded), for the
    user's communities: those whose latest inspection was of one of their compounds.

    Only requirements already past due are read, so the rows are few; a fixed number of
    statements.
    """
    checks = list(
        RequirementCheck.objects.filter(
            item__due_date__lt=today(),
            item__page__live=True,
            item__page__locale_id=Locale.get_default().pk,
        )
        .select_related("item__page", "inspection__firm")
        .order_by("inspection__date", "inspection_id")
    )
    latest = {(check.item_id, check.inspection.firm_id): check for check in checks}
    standings = requirement_standings(
        (
            check.item_id,
            check.inspection.firm_id,
            check.status,
            check.inspection.date,
            check.item.due_date,
        )
        for check in checks
    )
    kind = _("Work-letter requirement")
    # The standing is the firm's across the city; the item is listed where it was last checked.
    overdue_checks = [latest[pair] for pair, standing in standings.items() if standing.overdue]
    in_scope = set(
        scoped(
            Inspection.objects.filter(pk__in=[check.inspection_id for check in overdue_checks]),
            user,
        ).values_list("pk", flat=True)
    )
    return [
        OverdueItem(
            kind=kind,
            title=(
                f"{check.inspection.firm.name} · {check.item.page.month:%Y-%m} · "
                f"{check.item.requirement[:40]}"
            ),
            url=reverse("wagtailsnippets_inspections_inspection:edit", args=[check.inspection_id]),
            due=standing.due,
            days=standing.days,
        )
        for pair, standing in standings.items()
        if standing.overdue
        for check in (latest[pair],)
        if check.inspection_id in in_scope
    ]


def city_figures(communities):
    """Inspections in each community (by its compounds) and in the city: one grouped
    statement."""
    rows = (
        Inspection.objects.values_list("compound__community__translation_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    label = _("Joint supervision inspections")
    scopes = frozenset({ACHIEVEMENTS, CITY})
    return {
        key: [AchievementFigure("inspections", label, value, order=20, scopes=scopes)]
        for key, value in by_community(rows, communities).items()
    }
