from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .roles import EDITORS, MODERATORS


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site and directory")
    default_auto_field = "django.db.models.BigAutoField"
    # The community, firms and compounds (and the home page) every other demo builds on.
    demo_loaders = ("home.demo.load",)
    role_model_permissions = {
        EDITORS: {"home": ("add", "change", "view")},
        MODERATORS: {"home": ("add", "change", "delete", "view")},
    }
    # How each record reaches its community (home/community_scope.py). A firm belongs to the
    # community it is registered in, which alone edits it; the other communities it serves see
    # its name and phone on their compounds and public pages, not its admin entry.
    community_scope = {
        "home.Community": "pk",
        "home.Compound": "community",
        "home.PropertyFirm": "community",
        "home.OwnersCommittee": "compound__community",
        "home.CommunityStaff": "community",
    }

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import params  # noqa: F401  (registers the `id` path converter)
        from .lookups import remember_locales
        from .roles import sync_role_permissions
        from .routing import remember_routes

        post_migrate.connect(sync_role_permissions, dispatch_uid="hemei_sync_role_permissions")
        remember_locales()
        remember_routes()
