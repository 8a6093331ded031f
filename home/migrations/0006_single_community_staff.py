"""Upgrade of a one-community installation to the community scope (issue 17).

The scope fails closed (home/community_scope.py): staff listed for no community see nothing.
An installation that ran one community before the scope landed has its staff in the role
groups but in no CommunityStaff row, and its home page may name no community, so they would
lose the whole admin on upgrade. When exactly one community exists (counted once across its
translations), every active staff member who is not a superuser is listed for it, and home
pages naming no community are given it. With several communities nothing is guessed: the
city level assigns people (Snippets → 名录 → 社区工作人员).
"""

from django.conf import settings
from django.db import migrations

# The role groups of home/roles.py whose members work for a community. The city editors
# (市级编辑) see every community anyway.
STAFF_GROUPS = ("编辑", "审核", "服务站工作人员", "服务站主管")


def list_staff_of_the_only_community(apps, schema_editor):
    Community = apps.get_model("home.Community")
    CommunityStaff = apps.get_model("home.CommunityStaff")
    HomePage = apps.get_model("home.HomePage")
    User = apps.get_model(settings.AUTH_USER_MODEL)

    if Community.objects.values("translation_key").distinct().count() != 1:
        return
    rows = list(Community.objects.order_by("pk"))
    community = rows[0]
    staff = User.objects.filter(
        is_active=True, is_superuser=False, groups__name__in=STAFF_GROUPS
    ).distinct()
    listed = set(
        CommunityStaff.objects.filter(community__in=rows).values_list("user_id", flat=True)
    )
    CommunityStaff.objects.bulk_create(
        [CommunityStaff(user=user, community=community) for user in staff if user.pk not in listed]
    )
    by_locale = {row.locale_id: row for row in rows}
    for home in HomePage.objects.filter(community__isnull=True):
        home.community = by_locale.get(home.locale_id, community)
        home.save(update_fields=["community"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_community_approval_task"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(list_staff_of_the_only_community, migrations.RunPython.noop),
    ]
