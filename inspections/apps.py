from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import EDITORS, MODERATORS


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Inspections and trainings")
    default_auto_field = "django.db.models.BigAutoField"
    demo_loaders = ("inspections.demo.load",)
    # Inspections name the rankings' firms and service periods, the rules' articles and the
    # work letters' requirements.
    demo_after = ("home", "notices", "rankings")
    # Editors record inspections and trainings and propose re-checks; only moderators confirm
    # a re-check (the permission is checked by the transition views) or delete a record.
    role_model_permissions = {
        EDITORS: {"inspections": ("add", "change", "view")},
        MODERATORS: {"inspections": ("add", "change", "delete", "view")},
    }
    role_extra_permissions = {MODERATORS: ("inspections.confirm_recheck",)}
    # How the records reach a community (home/community_scope.py). A training session gathers
    # the firms of every community: it is the city's.
    community_scope = {
        "inspections.Inspection": "compound__community",
        "inspections.Training": None,
    }

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.generation import bump_generation

        from . import models

        # The firm profile, compound and letter pages show these records: a change must retire
        # the anonymous page cache (caching/ only watches the content apps it names).
        def retire_cached_pages(**kwargs):
            bump_generation()

        for model in (
            models.Inspection,
            models.InspectionFinding,
            models.RequirementCheck,
            models.Training,
            models.TrainingAttendance,
        ):
            post_save.connect(retire_cached_pages, sender=model, weak=False)
            post_delete.connect(retire_cached_pages, sender=model, weak=False)
