"""The station supervisors' group, and image upload for station staff.

服务站主管 (station supervisors) handle every station's appointment requests and choose each
station's staff; their model permissions (and `supervise_stations`) are granted after every
migrate by `home.roles.sync_role_permissions`. Station staff may now upload and choose images
anywhere in the image library, for the photos of volunteer event reports.
"""

from django.db import migrations

STATION_STAFF = "服务站工作人员"
STATION_SUPERVISORS = "服务站主管"
IMAGE_PERMISSIONS = ("add_image", "choose_image")


def create_supervisors_and_image_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    staff, _ = Group.objects.get_or_create(name=STATION_STAFF)
    supervisors, _ = Group.objects.get_or_create(name=STATION_SUPERVISORS)

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    supervisors.permissions.add(access_admin)

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    image_ct, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    for codename in IMAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=image_ct, codename=codename, defaults={"name": codename}
        )
        for group in (staff, supervisors):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_station_staff_and_supervise_permission"),
        ("home", "0002_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(create_supervisors_and_image_permissions, migrations.RunPython.noop)
    ]
