"""What notices gives the accountability features: overdue follow-ups and follow-ups solved.

Registered in wagtail_hooks.py into home's `overdue_items` (home/overdue.py) and
`achievement_figures` (home/achievements.py) registries.
"""

from collections import Counter

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.achievements import ACHIEVEMENTS, CITY, AchievementFigure, by_community
from home.communities import community_page_q, page_community_key
from home.community_scope import scoped_pages_q
from home.overdue import OverdueItem, days_overdue

from .models.meetings import FollowUpItem, FollowUpStatus, JointMeetingPage


def overdue_follow_ups(user):
    """Unresolved follow-ups past their date, in meetings of the user's communities that they
    may edit."""
    if not user.has_perm("wagtailadmin.access_admin"):
        return []
    items = (
        FollowUpItem.objects.overdue()
        .filter(page__locale=Locale.get_default())
        .filter(page__in=Page.objects.filter(scoped_pages_q(user)).values("pk"))
        .select_related("page")
        .order_by("due_date", "pk")
    )
    kind = _("Follow-up item")
    shown = []
    editable = {}
    for item in items:
        page = item.page
        if page.pk not in editable:
            editable[page.pk] = page.permissions_for_user(user).can_edit()
        if editable[page.pk]:
            shown.append(
                OverdueItem(
                    kind=kind,
                    title=item.heading,
                    url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    due=item.due_date,
                    days=days_overdue(item.due_date),
                )
            )
    return shown


def follow_up_figures(community=None):
    """Follow-ups resolved, by the month they were resolved (default language, live meetings;
    with `community`, its meetings only)."""
    meetings = JointMeetingPage.objects.live().public().filter(locale=Locale.get_default())
    if community is not None:
        meetings = meetings.filter(community_page_q(community))
    resolved = FollowUpItem.objects.filter(
        status=FollowUpStatus.RESOLVED, page__in=meetings
    ).values_list("resolved_on", flat=True)
    dates = list(resolved)
    monthly = Counter(f"{day:%Y-%m}" for day in dates if day)
    return [
        AchievementFigure(
            key="follow_ups_solved",
            label=_("Joint-meeting follow-ups solved"),
            total=len(dates),
            monthly=dict(monthly),
            order=50,
            scopes=frozenset({ACHIEVEMENTS, CITY}),
        )
    ]


def city_figures(communities):
    """Follow-ups solved in each community (by its meetings' pages) and in the city: one
    grouped statement."""
    meetings = JointMeetingPage.objects.live().public().filter(locale=Locale.get_default())
    rows = (
        FollowUpItem.objects.filter(status=FollowUpStatus.RESOLVED, page__in=meetings)
        .annotate(community_key=page_community_key("page__"))
        .values_list("community_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    label = _("Joint-meeting follow-ups solved")
    scopes = frozenset({ACHIEVEMENTS, CITY})
    return {
        key: [AchievementFigure("follow_ups_solved", label, value, order=50, scopes=scopes)]
        for key, value in by_community(rows, communities).items()
    }
