"""The volunteer team's size as a key figure of the city level (home's `achievement_figures`
registry), counted from the approved applications."""

from django.db.models import Count
from django.utils.translation import gettext as _

from home.achievements import CITY, AchievementFigure, by_community

from .models import VolunteerApplication


def achievement_figures(community=None):
    members = VolunteerApplication.objects.filter(status=VolunteerApplication.Status.APPROVED)
    if community is not None:
        # A volunteer belongs to the community of the compound they live in.
        members = members.filter(compound__community__translation_key=community.translation_key)
    return [
        AchievementFigure(
            "volunteers",
            _("Volunteers in the team"),
            members.count(),
            order=60,
            scopes=frozenset({CITY}),
        )
    ]


def city_figures(communities):
    """The team's size in each community and in the city: one grouped statement."""
    rows = (
        VolunteerApplication.objects.filter(status=VolunteerApplication.Status.APPROVED)
        .values_list("compound__community__translation_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = by_community(rows, communities)
    label = _("Volunteers in the team")
    city = frozenset({CITY})
    return {
        key: [AchievementFigure("volunteers", label, value, order=60, scopes=city)]
        for key, value in counts.items()
    }
