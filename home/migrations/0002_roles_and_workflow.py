"""Staff roles (编辑, 审核, 服务站工作人员) and the moderation workflow.

Wagtail's own migrations create the "Editors" and "Moderators" groups with page,
image and document permissions and a "Moderators approval" workflow on the root
page; we adopt them under the site's names rather than build parallel ones.
"""

from django.db import migrations

EDITORS = "编辑"
MODERATORS = "审核"
STATION_STAFF = "服务站工作人员"
WORKFLOW_NAME = "审核发布"
APPROVAL_TASK_NAME = "审核组审批"


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Locale = apps.get_model("wagtailcore.Locale")

    # English is the second content language; Wagtail already made the default one.
    Locale.objects.get_or_create(language_code="en")

    def adopt(old_name, new_name):
        group = Group.objects.filter(name=new_name).first()
        if group:
            return group
        group = Group.objects.filter(name=old_name).first()
        if group:
            group.name = new_name
            group.save()
            return group
        return Group.objects.create(name=new_name)

    editors = adopt("Editors", EDITORS)
    moderators = adopt("Moderators", MODERATORS)
    staff, _ = Group.objects.get_or_create(name=STATION_STAFF)

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for group in (editors, moderators, staff):
        group.permissions.add(access_admin)

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    page_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")

    def page_permission(codename):
        perm, _ = Permission.objects.get_or_create(
            content_type=page_ct, codename=codename, defaults={"name": codename}
        )
        return perm

    # Editors draft and submit; only moderators publish.
    for codename in ("add_page", "change_page"):
        for group in (editors, moderators):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=page_permission(codename)
            )
    for codename in ("publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.get_or_create(
            group=moderators, page=root, permission=page_permission(codename)
        )
    GroupPagePermission.objects.filter(
        group=editors, permission__codename__in=["publish_page", "bulk_delete_page"]
    ).delete()

    task_ct, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=APPROVAL_TASK_NAME, content_type=task_ct, active=True
        )
    task.groups.set([moderators])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # One workflow on the root page: ours replaces Wagtail's default there.
    WorkflowPage.objects.filter(page=root).delete()
    WorkflowPage.objects.create(page=root, workflow=workflow)
    Workflow.objects.filter(name="Moderators approval").update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
