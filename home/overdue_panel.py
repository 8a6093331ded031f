"""The editors' dashboard panel: what is overdue, from every app's `overdue_items` hook."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .overdue import overdue_items

MAX_SHOWN = 30


class OverduePanel(Component):
    name = "overdue_items"
    order = 50  # above the stock panels: late work first
    template_name = "home/admin/overdue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        items = overdue_items(self.user)
        return {
            "heading": _("Overdue work"),
            "items": items[:MAX_SHOWN],
            "more": max(len(items) - MAX_SHOWN, 0),
        }
