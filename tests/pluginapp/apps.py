from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    """A test-only feature app that plugs into home and search without either naming it.

    Installed by the test settings. It adds a home page panel (wagtail_hooks.py), a search type
    (below) and a demo loader (demo.py); the panel and the search type show only while the
    setting `PLUGINAPP_ACTIVE` is on, so that other tests see the site as it is.
    """

    name = "tests.pluginapp"
    label = "pluginapp"
    demo_loaders = ("tests.pluginapp.demo.load",)
    demo_after = ("home",)

    def ready(self):
        from .search_types import register_search_types

        register_search_types()
