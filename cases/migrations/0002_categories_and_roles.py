"""The report categories residents choose from, and the two staff groups of the cases app.

Categories are seeded in the default locale (English translations come with wagtail-localize);
editors can rename, reorder or switch them off. The groups' model permissions are granted after
every migrate (home.roles.sync_role_permissions, from CasesConfig.role_model_permissions).
"""

import uuid

from django.conf import settings
from django.db import migrations

# (slug, name, hours to accept, days to resolve)
CATEGORIES = [
    ("environment", "环境卫生", 24, 3),
    ("repairs", "设施报修", 24, 7),
    ("lift", "电梯", 4, 2),
    ("parking", "停车", 24, 14),
    ("noise", "噪音/高空抛物", 24, 7),
    ("safety", "安全隐患", 4, 3),
    ("property-service", "物业服务", 24, 7),
    ("neighbours", "邻里纠纷", 24, 14),
    ("other", "其他", 24, 7),
]
CASE_STAFF = "诉求处理"
FIRM_CONTACTS = "物业公司联系人"


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    CaseCategory = apps.get_model("cases.CaseCategory")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for order, (slug, name, hours, days) in enumerate(CATEGORIES, start=1):
        CaseCategory.objects.get_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "sort_order": order * 10,
                "accept_within_hours": hours,
                "resolve_within_days": days,
                "translation_key": uuid.uuid4(),
            },
        )

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in (CASE_STAFF, FIRM_CONTACTS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


def unseed(apps, schema_editor):
    apps.get_model("cases.CaseCategory").objects.filter(
        slug__in=[slug for slug, *_rest in CATEGORIES]
    ).delete()
    apps.get_model("auth.Group").objects.filter(name__in=(CASE_STAFF, FIRM_CONTACTS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("home", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
