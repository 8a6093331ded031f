"""Names of default-language snippets (compounds, firms, categories) in the visitor's language.

Records point at default-language snippets; an English visitor reads their translations where
editors made them. One statement per model for a whole list, none in the default language.
Moved here from cases/naming.py so that every feature shares it.
"""

from django.conf import settings
from wagtail.models import Locale


def translated_names(objects, name_field="name"):
    """{pk: name in the active language} for default-language snippets."""
    objects = [obj for obj in objects if obj is not None]
    names = {obj.pk: getattr(obj, name_field) for obj in objects}
    if not objects:
        return names  # without asking for the active locale: an empty list costs nothing
    active = Locale.get_active()
    if active.language_code == settings.LANGUAGE_CODE:
        return names
    model = type(objects[0])
    by_key = {}
    for obj in objects:
        by_key.setdefault(obj.translation_key, []).append(obj.pk)
    for translated in model.objects.filter(locale=active, translation_key__in=list(by_key)):
        for pk in by_key[translated.translation_key]:
            names[pk] = getattr(translated, name_field)
    return names
