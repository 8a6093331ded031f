"""The site's staff roles and what each may do.

Groups, their page permissions and the moderation workflow are created by data
migrations (`home/0002`, `services/0002` for the station supervisors); model permissions
are granted after every migrate (`sync_role_permissions`) so that models added later
are covered too.
"""

EDITORS = "编辑"
MODERATORS = "审核"
# Handle the appointment requests of the stations that list them as staff.
STATION_STAFF = "服务站工作人员"
# Handle every station's requests and choose each station's staff.
STATION_SUPERVISORS = "服务站主管"
SUPERVISE_STATIONS = "services.supervise_stations"
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
    STATION_SUPERVISORS: {"services": ("add", "change", "view")},
}
# Permissions beyond add/change/delete/view ("app_label.codename"), per group.
ROLE_EXTRA_PERMISSIONS = {STATION_SUPERVISORS: (SUPERVISE_STATIONS,)}


def sync_role_permissions(sender=None, **kwargs):
    """Grant each role its model permissions; idempotent, runs on post_migrate."""
    from django.contrib.auth.models import Group, Permission

    for group_name, apps in ROLE_MODEL_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for app_label, actions in apps.items():
            permissions = Permission.objects.filter(
                content_type__app_label=app_label
            ).select_related("content_type")
            # Only the default model permissions: a custom one such as `supervise_stations`
            # must not come along because its codename happens to start with an action.
            wanted = [
                perm
                for perm in permissions
                if perm.codename in {f"{action}_{perm.content_type.model}" for action in actions}
            ]
            group.permissions.add(*wanted)
        for name in ROLE_EXTRA_PERMISSIONS.get(group_name, ()):
            app_label, codename = name.split(".")
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
