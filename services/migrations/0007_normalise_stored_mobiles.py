"""Rows saved before every number was normalised may hold full-width digits (13８１２…).

Rewrite them to ASCII, so that look-ups, masking and SMS see the number the form would store.
"""

import unicodedata

from django.db import migrations

FIELDS = {
    "Appointment": ("requester_phone", "beneficiary_phone"),
    "VolunteerSignup": ("mobile",),
    "VolunteerApplication": ("mobile",),
}


def ascii_mobile(value):
    text = "".join(unicodedata.normalize("NFKC", value or "").split())
    return text if text.isascii() else value


def normalise(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("services", model_name)
        for field in fields:
            rows = model.objects.exclude(**{f"{field}__regex": r"^[0-9]*$"})
            for pk, value in rows.values_list("pk", field).iterator():
                fixed = ascii_mobile(value)
                if fixed != value:
                    model.objects.filter(pk=pk).update(**{field: fixed})


class Migration(migrations.Migration):
    dependencies = [("services", "0006_servicestation_locale_required")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
