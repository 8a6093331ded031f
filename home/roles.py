"""The site's three staff roles and what each may do.

Groups, their page permissions and the moderation workflow are created by the
data migration `home/0002`; model permissions are granted after every migrate
(`sync_role_permissions`) so that models added later are covered too.
"""

EDITORS = "编辑"
MODERATORS = "审核"
STATION_STAFF = "服务站工作人员"
WORKFLOW_NAME = "审核发布"
APPROVAL_TASK_NAME = "审核组审批"

# app label -> actions on every model of that app, per group.
ROLE_MODEL_PERMISSIONS = {
    EDITORS: {
        "home": ("add", "change", "view"),
        "notices": ("add", "change", "view"),
        "rankings": ("add", "change", "view"),
        "site_search": ("view",),
    },
    MODERATORS: {
        "home": ("add", "change", "delete", "view"),
        "notices": ("add", "change", "delete", "view"),
        "rankings": ("add", "change", "delete", "view"),
        "wagtailsearchpromotions": ("add", "change", "delete", "view"),
        "site_search": ("add", "change", "delete", "view"),
    },
    STATION_STAFF: {"services": ("add", "change", "view")},
}


def sync_role_permissions(sender=None, **kwargs):
    """Grant each role its model permissions; idempotent, runs on post_migrate."""
    from django.contrib.auth.models import Group, Permission

    for group_name, apps in ROLE_MODEL_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for app_label, actions in apps.items():
            permissions = Permission.objects.filter(content_type__app_label=app_label)
            wanted = [
                perm
                for perm in permissions
                if perm.codename.split("_", 1)[0] in actions
            ]
            group.permissions.add(*wanted)
