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
    # How the records reach a community (home/community_scope.py). A join request or an event
    # without a compound is the city level's.
    community_scope = {
        "services.ServiceStation": "compound__community",
        "services.Appointment": "station__compound__community",
        "services.VolunteerApplication": "compound__community",
        "services.VolunteerSignup": "event__compound__community",
        "services.VolunteerEventReport": "event__compound__community",
    }

    def ready(self):
        from .search_types import register_search_types

        register_search_types()
