"""Service stations become translatable (2 of 3): every existing station is in the default
language and gets a translation key of its own."""

import uuid

from django.conf import settings
from django.db import migrations


def fill_locale_and_key(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    ServiceStation = apps.get_model("services", "ServiceStation")
    if not ServiceStation.objects.exists():
        return
    default = (
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        or Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    )
    for station in ServiceStation.objects.filter(translation_key__isnull=True):
        station.locale_id = default.pk
        station.translation_key = uuid.uuid4()
        station.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("services", "0004_servicestation_locale_and_translation_key")]

    operations = [migrations.RunPython(fill_locale_and_key, migrations.RunPython.noop)]
