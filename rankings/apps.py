from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import EDITORS, MODERATORS


class RankingsConfig(AppConfig):
    name = "rankings"
    verbose_name = _("Property firm rankings")
    default_auto_field = "django.db.models.BigAutoField"
    demo_loaders = ("rankings.demo.load", "rankings.demo_story.load")
    demo_after = ("home",)
    role_model_permissions = {
        EDITORS: {"rankings": ("add", "change", "view")},
        MODERATORS: {"rankings": ("add", "change", "delete", "view")},
    }
    # Editors propose corrections of a published month; only moderators make them public.
    # Moderators also confirm recommendation steps and verify black-list removals.
    role_extra_permissions = {
        MODERATORS: (
            "rankings.approve_scorecorrection",
            "rankings.confirm_recommendationstep",
            "rankings.verify_redblackremoval",
        )
    }
    # How the records reach a community (home/community_scope.py); criteria are the city's.
    community_scope = {
        "rankings.Criterion": None,
        "rankings.ServicePeriod": "compound__community",
        "rankings.ManagementGroup": "compound__community",
        "rankings.EvidencePhoto": "assessment__firm__community",
        "rankings.Recommendation": "compound__community",
        "rankings.RedBlackEntry": "firm__community",
        "rankings.FirmAssessment": "firm__community",
    }

    def ready(self):
        from . import standings
        from .search_types import register_search_types

        register_search_types()
        standings.connect()

        from wagtail.signals import page_published

        from .accountability import open_recommendations

        page_published.connect(open_recommendations, dispatch_uid="rankings_open_recommendations")
