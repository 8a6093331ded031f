"""Where a follow-up item came from, told by the features that put it on the tracker.

A joint meeting's follow-up item may start from a resident's report (the cases app routes a case
to the meeting and records the decision as a follow-up). Notices may not import those features,
so each registers a `follow_up_item_origins` hook: a function of a list of follow-up items
returning {item pk: [FollowUpOrigin, …]} for the items it knows, in a fixed number of
statements however many items there are. The tracker and the meeting page call `attach_origins`
once per listing and the follow-up table links each origin.
"""

from dataclasses import dataclass

from wagtail import hooks

HOOK_NAME = "follow_up_item_origins"


@dataclass(frozen=True)
class FollowUpOrigin:
    label: str  # translated, e.g. "居民诉求 2026-12"
    url: str


def attach_origins(items):
    """Set `item.origins` (a list, maybe empty) on every follow-up item of `items`."""
    items = list(items)
    found = {}
    saved = [item.pk for item in items if item.pk is not None]
    if saved:
        for hook in hooks.get_hooks(HOOK_NAME):
            for pk, origins in hook(saved).items():
                found.setdefault(pk, []).extend(origins)
    for item in items:
        item.origins = found.get(item.pk, [])
    return items
