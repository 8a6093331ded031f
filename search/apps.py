from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.roles import EDITORS, MODERATORS


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"
    # Editors' picks point at other apps' pages, so they are made once every page exists.
    demo_loaders = ("search.demo.load",)
    demo_after = "*"
    role_model_permissions = {
        EDITORS: {"site_search": ("view",)},
        MODERATORS: {
            "wagtailsearchpromotions": ("add", "change", "delete", "view"),
            "site_search": ("add", "change", "delete", "view"),
        },
    }
    # Synonyms serve every community's search (home/community_scope.py).
    community_scope = {"site_search.SearchSynonym": None}

    def ready(self):
        from . import freshness
        from .search_types import register_search_types

        register_search_types()
        freshness.connect()
