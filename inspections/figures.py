"""Inspections and trainings as figures of the achievements page and items of the overdue
panel (home's `achievement_figures` and `overdue_items` registries)."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from home.achievements import ACHIEVEMENTS, CITY, AchievementFigure
from home.communities import firms_of
from home.overdue import OverdueItem

from .models import Inspection, Training, TrainingAttendance


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
        for inspection in Inspection.objects.overdue().select_related("compound", "firm")
    ]
