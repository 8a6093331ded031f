"""The contact in the footer: the community's own on its pages, the site's elsewhere.

A community (the snippet, translated with wagtail-localize like its name) may carry its
office's contact and its hotline; on its home and every page below it the footer shows them,
and the site's contact settings stand in for a group the community left empty (an office
without a hotline of its own keeps the district's). Which community a page is in comes from
the page's path and the community homes kept per content generation (`community_choices`),
and each community's contact is kept per generation too, so the footer adds no statement to
a page once the cache is warm.
"""

from django.utils import translation

from .communities import community_choices
from .generation import derived

OFFICE_FIELDS = ("organisation", "address", "phone", "office_hours", "email")
HOTLINE_FIELDS = ("hotline", "hotline_hours")


def _community_key(request, page):
    """The translation key of the community whose home is the deepest above `page`."""
    path = getattr(page, "path", "")
    if not path:
        return None
    homes = [choice for choice in community_choices(request) if path.startswith(choice["path"])]
    return max(homes, key=lambda choice: len(choice["path"]))["key"] if homes else None


def community_contact(key):
    """{field: value} of the community `key`'s contact in the active language (the default
    language's where it has no translation), or {} if there is no such community."""
    from wagtail.models import Locale

    from .models import Community

    def build():
        rows = {
            row["locale_id"]: row
            for row in Community.objects.filter(translation_key=key).values(
                "locale_id", *OFFICE_FIELDS, *HOTLINE_FIELDS
            )
        }
        row = rows.get(Locale.get_active().pk) or rows.get(Locale.get_default().pk) or {}
        return {name: row.get(name, "") for name in (*OFFICE_FIELDS, *HOTLINE_FIELDS)}

    return derived(f"community-contact:{key}:{translation.get_language()}", build)


def footer_contact(request, page=None):
    """The contact the footer shows on `page` (None: not a page of the tree): a dict with the
    site settings' field names."""
    from .models import SiteSettings

    site = SiteSettings.for_request(request)
    values = {name: getattr(site, name, "") for name in (*OFFICE_FIELDS, *HOTLINE_FIELDS)}
    key = _community_key(request, page) if page is not None else None
    if key is None:
        return values
    own = community_contact(key)
    for group in (OFFICE_FIELDS, HOTLINE_FIELDS):
        if any(own.get(name) for name in group):
            values.update({name: own[name] for name in group})
    return values
