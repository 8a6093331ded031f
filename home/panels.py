"""Panels that other apps add to the home page.

Home is the foundation every feature builds on, so it must not import them; instead each app
registers a `home_page_panels` hook: a function of (home page, request) returning a `HomePanel`
or None (nothing to show). The home page renders the panels by `order`, then registration
order; the template sees the panel's context as `panel`. The rendered panels are kept (for
RECORDS_FRAGMENT_TIMEOUT at most) per home page, site, language, day and content and record
generation (`home.generation.fragment_version(request, records=True)`): a panel must show the
same to every visitor, nothing that depends on a cookie or on who is signed in. The compound page
(`compound_page_panels`) and the firm profile (`firm_profile_panels`) take panels the same way.

Keeping a panel cheap (every uncached page has a budget of 15 SQL statements and 15 ms CPU,
and the panels share it; tests/*/test_query_budget*.py count them):

- One statement per panel where possible: counts of one table go into one `aggregate()` with
  `filter=` per figure (COUNT ... FILTER), never one `.count()` per figure; rows of other
  tables come with `select_related` / `prefetch_related`, never per row.
- What changes only when editors publish or save content (pages, snippets, settings: the
  apps listed in `caching.invalidation`) is built once per content generation with
  `home.generation.derived(key, build, request)` (a key per page and language); records that
  change without bumping the generation (residents' reports, appointments) must be read
  fresh, in that one statement, unless their app follows them with
  `home.generation.follow_records(name, models)`: the compound page's body and the firm
  profile's panels are then kept rendered under `fragment_version(request, records=True)`
  (cases/apps.py), and a panel's context is only built when they are not kept.
- Figures a feature computes from many rows (a month's ranking) are stored when they change
  (`rankings/standings.py`) and the panel reads the stored rows.
- Restrict pages with `home.visibility.public_page_q()` in the same statement rather than
  `PageQuerySet.public()`, which reads every view restriction first.
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
