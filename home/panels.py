"""Panels that other apps add to the home page.

Home is the foundation every feature builds on, so it must not import them; instead each app
registers a `home_page_panels` hook: a function of (home page, request) returning a `HomePanel`
or None (nothing to show). The home page renders the panels by `order`, then registration
order; the template sees the panel's context as `panel`.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "home_page_panels"


@dataclass(frozen=True)
class HomePanel:
    template: str
    order: int
    context: dict = field(default_factory=dict)


def home_page_panels(page, request) -> list[HomePanel]:
    panels = [panel for hook in hooks.get_hooks(HOOK_NAME) if (panel := hook(page, request))]
    return sorted(panels, key=lambda panel: panel.order)
