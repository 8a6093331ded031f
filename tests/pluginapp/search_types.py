from django.conf import settings

from search.registry import SearchModel, SearchType, register

KEY = "plugin"
LABEL = "Plugin pages"


class SwitchableSearchModel(SearchModel):
    """Searched only while PLUGINAPP_ACTIVE is on."""

    @property
    def model(self):
        return super().model if getattr(settings, "PLUGINAPP_ACTIVE", False) else None


def register_search_types():
    # Home pages are otherwise found under "Other pages"; the type sits after every real one.
    register(SearchType(KEY, LABEL, (SwitchableSearchModel("home.HomePage"),), order=95))
