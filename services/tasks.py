"""Background tasks (django-tasks): run by a worker, never inside the resident's request."""

from django_tasks import task

from . import notifications


@task()
def notify_new_request(appointment_id):
    return notifications.notify_new_request(appointment_id)
