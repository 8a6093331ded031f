"""The volunteer team's size as a key figure of the city level (home's `achievement_figures`
registry), counted from the approved applications."""

from django.utils.translation import gettext as _

from home.achievements import CITY, AchievementFigure

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
