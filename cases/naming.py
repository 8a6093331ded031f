"""Names of categories, compounds and firms in the visitor's language, for lists of cases.

Cases point at default-language snippets; an English visitor reads their translations where
editors made them. One statement per model for a whole list, none in the default language.
"""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


def translated_names(objects, name_field="name"):
    """{pk: name in the active language} for default-language snippets."""
    objects = [obj for obj in objects if obj is not None]
    names = {obj.pk: getattr(obj, name_field) for obj in objects}
    # The language from the request, not Locale.get_active(): that costs a statement per call,
    # two per list of cases, even for an empty list or in the default language.
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:  # no language active (a command): the default one
        return names
    if not objects or language == settings.LANGUAGE_CODE:
        return names
    model = type(objects[0])
    by_key = {}
    for obj in objects:
        by_key.setdefault(obj.translation_key, []).append(obj.pk)
    translations = model.objects.filter(
        locale__language_code=language, translation_key__in=list(by_key)
    )
    for translated in translations:
        for pk in by_key[translated.translation_key]:
            names[pk] = getattr(translated, name_field)
    return names


def localize_cases(cases):
    """Set `category_name` and `compound_name` on each case (with category and compound
    selected)."""
    cases = list(cases)
    categories = translated_names({case.category_id: case.category for case in cases}.values())
    compounds = translated_names({case.compound_id: case.compound for case in cases}.values())
    for case in cases:
        case.category_name = categories.get(case.category_id, "")
        case.compound_name = compounds.get(case.compound_id, "")
    return cases
