"""Service stations become translatable (1 of 3): the locale and translation key, empty first.

Existing rows cannot share one default UUID, so the fields are added nullable, filled by
0005 and made required by 0006 (the order Wagtail's documentation gives).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_station_supervisors_and_image_upload"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicestation",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="servicestation",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="servicestation",
            name="slug",
            field=models.SlugField(
                help_text="The same in every language: it is the address.",
                max_length=100,
                verbose_name="slug",
            ),
        ),
    ]
