"""Panels other apps add to a firm's performance record (履约档案).

Rankings must not import them; an app registers a `firm_profile_panels` hook instead: a
function of (ranking index page, firm in the default language, request) returning None or a
dict with a `template` and its context, rendered in registration order (as the compound
page's `compound_page_panels`).
"""

from wagtail import hooks
from wagtail.models import Locale

HOOK_NAME = "firm_profile_panels"


def firm_profile_panels(index, firm, request):
    default = Locale.get_default()
    source = firm
    if firm.locale_id != default.pk:
        source = firm.get_translation_or_none(default) or firm
    panels = []
    for hook in hooks.get_hooks(HOOK_NAME):
        panel = hook(index, source, request)
        if panel:
            panels.append(panel)
    return panels
