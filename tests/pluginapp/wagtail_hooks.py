from django.conf import settings
from wagtail import hooks

from home.panels import HomePanel

# Between the notices (10) and the ranking (20).
ORDER = 15


@hooks.register("home_page_panels")
def plugin_panel(home, request):
    if not getattr(settings, "PLUGINAPP_ACTIVE", False):
        return None
    return HomePanel("pluginapp/home_panel.html", ORDER, {"greeting": f"Plugged into {home.title}"})
