from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import EDITORS, MODERATORS


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices and regulations")
    default_auto_field = "django.db.models.BigAutoField"
    demo_loaders = ("notices.demo.load", "notices.demo_regulations.load")
    demo_after = ("home",)
    role_model_permissions = {
        EDITORS: {"notices": ("add", "change", "view")},
        MODERATORS: {"notices": ("add", "change", "delete", "view")},
    }

    def ready(self):
        from .search_types import register_search_types

        register_search_types()
