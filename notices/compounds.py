"""Compounds seen from a locale: pages in English may still point at Chinese snippets.

A page copied for translation keeps foreign keys to the source locale's snippets, so
everything that matches or shows a compound goes through its `translation_key`.
"""

from home.communities import community_rows_q
from home.models import Compound


def compounds_by_key(locale, keys=None, within=None):
    """Compounds of `locale` (a Locale or its id), keyed by translation key: one query.

    Every compound of the locale, or only those with one of `keys`, or only those of the
    community of page `within`.
    """
    compounds = Compound.objects.filter(locale=locale).select_related("property_firm")
    if keys is not None:
        compounds = compounds.filter(translation_key__in=keys)
    if within is not None:
        compounds = compounds.filter(community_rows_q(within))
    return {compound.translation_key: compound for compound in compounds}


def localized(compound, mapping):
    """`compound` as it is named in the mapping's locale, or itself if it has no translation."""
    if compound is None:
        return None
    return mapping.get(compound.translation_key, compound)
