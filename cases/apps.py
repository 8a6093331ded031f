from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import EDITORS, MODERATORS


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Residents' reports and cases")
    default_auto_field = "django.db.models.BigAutoField"
    personal_data_purgers = ("cases.retention.purger",)
    demo_loaders = ("cases.demo.load",)
    demo_after = ("home", "notices", "rankings")
    # Staff handle cases through the scoped views (cases/admin_views.py), which check
    # membership of a community's team or a firm, not model permissions: a model permission
    # on the app would also let them edit the team lists. Editors and moderators keep the
    # categories (the report form's choices) up to date.
    role_extra_permissions = {
        group: tuple(f"cases.{action}_casecategory" for action in ("add", "change", "view"))
        for group in (EDITORS, MODERATORS)
    }
    # How the records reach a community (home/community_scope.py); categories are the city's.
    community_scope = {
        "cases.Case": "community",
        "cases.CaseCategory": None,
        "cases.CaseTeamMember": "community",
        "cases.FirmContact": "firm__community",
    }

    def ready(self):
        from home.generation import follow_records

        # The residents' side: panels on the compound page, firm profile and home page.
        from . import public_hooks  # noqa: F401
        from .models import CaseAccess

        # Those panels are kept as rendered fragments under the "cases" record generation:
        # any record a panel may count retires them (the staff access log counts in none).
        follow_records("cases", [model for model in self.get_models() if model is not CaseAccess])
        from .search_types import register_search_types

        register_search_types()
