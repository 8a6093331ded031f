from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import STATION_STAFF, STATION_SUPERVISORS

from .roles import SUPERVISE_STATIONS


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services and volunteering")
    default_auto_field = "django.db.models.BigAutoField"
    demo_loaders = ("services.demo.load", "services.volunteering.demo.load")
    demo_after = ("home",)
    role_model_permissions = {
        STATION_STAFF: {"services": ("add", "change", "view")},
        STATION_SUPERVISORS: {"services": ("add", "change", "view")},
    }
    role_extra_permissions = {STATION_SUPERVISORS: (SUPERVISE_STATIONS,)}

    def ready(self):
        from .search_types import register_search_types

        register_search_types()
