"""The site's staff roles and what each may do.

Groups, their page permissions and the moderation workflow are created by data
migrations (`home/0002`, `services/0002` for the station supervisors); model permissions
are granted after every migrate (`sync_role_permissions`) so that models added later
are covered too.
"""

from django.apps import apps

EDITORS = "编辑"
MODERATORS = "审核"
# Not scoped to a community: sees and changes every community's records. It grants no
# permission by itself; a city editor is also in 编辑 or 审核 for what they may do.
CITY_EDITORS = "市级编辑"
# Handle the appointment requests of the stations that list them as staff.
STATION_STAFF = "服务站工作人员"
# Handle every station's requests and choose each station's staff.
STATION_SUPERVISORS = "服务站主管"
WORKFLOW_NAME = "审核发布"
APPROVAL_TASK_NAME = "审核组审批"


def role_model_permissions() -> dict[str, dict[str, tuple[str, ...]]]:
    """group -> app label -> actions on every model of that app, over the installed apps.

    Each app declares what the roles may do with its models as an AppConfig attribute
    `role_model_permissions` ({group: {app_label: actions}}; usually its own label, or that of
    a contrib app it administers), so this module names no feature app.
    """
    merged = {}
    for config in apps.get_app_configs():
        for group_name, by_app in getattr(config, "role_model_permissions", {}).items():
            merged.setdefault(group_name, {}).update(by_app)
    return merged


def role_extra_permissions() -> dict[str, tuple[str, ...]]:
    """group -> permissions beyond add/change/delete/view ("app_label.codename").

    Declared per app as the AppConfig attribute `role_extra_permissions`.
    """
    merged = {}
    for config in apps.get_app_configs():
        for group_name, names in getattr(config, "role_extra_permissions", {}).items():
            merged[group_name] = (*merged.get(group_name, ()), *names)
    return merged


def sync_role_permissions(sender=None, **kwargs):
    """Grant each role its model permissions; idempotent, runs on post_migrate."""
    from django.contrib.auth.models import Group, Permission

    extra = role_extra_permissions()
    for group_name, by_app in role_model_permissions().items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for app_label, actions in by_app.items():
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
        for name in extra.get(group_name, ()):
            app_label, codename = name.split(".")
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
