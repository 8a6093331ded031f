from decimal import Decimal

from django.db import migrations

# The areas named in the association's checks, plus the usual two; 100 points in all.
DEFAULT_CRITERIA = [
    ("公共环境保洁", "Public cleaning", Decimal(25)),
    ("公共设施维修", "Public-facility repair", Decimal(20)),
    ("公共安全监管", "Public-safety supervision", Decimal(25)),
    ("绿化美化", "Greening and beautification", Decimal(15)),
    ("投诉处理", "Complaint handling", Decimal(15)),
]


def seed_criteria(apps, schema_editor):
    Criterion = apps.get_model("rankings", "Criterion")
    if Criterion.objects.exists():
        return
    for order, (name, name_en, max_score) in enumerate(DEFAULT_CRITERIA, start=1):
        Criterion.objects.create(
            name=name, name_en=name_en, max_score=max_score, sort_order=order * 10
        )


class Migration(migrations.Migration):
    dependencies = [("rankings", "0001_initial")]

    operations = [migrations.RunPython(seed_criteria, migrations.RunPython.noop)]
