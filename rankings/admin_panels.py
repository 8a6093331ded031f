"""The editors' dashboard panel of red/black list entries about to expire."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component


class ExpiringEntriesPanel(Component):
    name = "expiring_red_black_entries"
    order = 160
    template_name = "rankings/admin/expiring_panel.html"
    heading = _("Red/black list entries ending within 30 days")

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from home.community_scope import scoped

        from .accountability_views import EXPIRY_WINDOW_DAYS, expiring_entries

        return {
            "entries": list(scoped(expiring_entries(), self.user)[:20]),
            "window": EXPIRY_WINDOW_DAYS,
            "heading": self.heading,
        }
