"""Background tasks (django-tasks) of the volunteer team: run by the worker, never inside a
visitor's request or an editor's publish."""

from django_tasks import task

from . import notifications


@task()
def notify_promoted(signup_id):
    return notifications.notify_promoted(signup_id)


@task()
def send_signup_link(signup_id):
    return notifications.send_signup_link(signup_id)
