"""Names of default-language snippets (compounds, firms, categories) in the visitor's language.

Records point at default-language snippets; an English visitor reads their translations where
editors made them. One statement per model for a whole list, none in the default language.
Moved here from cases/naming.py so that every feature shares it.
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
