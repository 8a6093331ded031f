"""Service stations become translatable (3 of 3): locale and key required, one row per
station and language, and a slug unique within each language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("services", "0005_servicestation_locale_data")]

    operations = [
        migrations.AlterField(
            model_name="servicestation",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="servicestation",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="servicestation", unique_together={("translation_key", "locale")}
        ),
        migrations.AddConstraint(
            model_name="servicestation",
            constraint=models.UniqueConstraint(
                fields=("slug", "locale"), name="unique_station_slug_locale"
            ),
        ),
    ]
