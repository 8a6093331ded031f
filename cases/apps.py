from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import EDITORS, MODERATORS

from .roles import CASE_STAFF, FIRM_CONTACTS


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Residents' reports and cases")
    default_auto_field = "django.db.models.BigAutoField"
    role_model_permissions = {
        # Editors keep the category list (the report form's choices) up to date.
        EDITORS: {"cases": ("view",)},
        MODERATORS: {"cases": ("view",)},
        CASE_STAFF: {"cases": ("add", "change", "view")},
        # Firm contacts reach their work orders through the scoped views only.
        FIRM_CONTACTS: {},
    }

    def ready(self):
        # The residents' side: panels on the compound page, firm profile and home page.
        from . import public_hooks  # noqa: F401
