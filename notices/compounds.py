"""Compounds seen from a locale: pages in English may still point at Chinese snippets.

A page copied for translation keeps foreign keys to the source locale's snippets, so
everything that matches or shows a compound goes through its `translation_key`.
"""

from home.models import Compound


def compounds_by_key(locale):
    """Every compound of `locale`, keyed by translation key: one query."""
    return {
        compound.translation_key: compound
        for compound in Compound.objects.filter(locale=locale).select_related("property_firm")
    }


def localized(compound, mapping):
    """`compound` as it is named in the mapping's locale, or itself if it has no translation."""
    if compound is None:
        return None
    return mapping.get(compound.translation_key, compound)
