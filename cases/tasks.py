"""Background tasks (django-tasks): texts to residents, sent by the worker after the commit."""

from django_tasks import task


@task()
def notify_case_event(event_id, report_ids, support_ids):
    from . import notifications

    return notifications.notify_case_event(event_id, report_ids, support_ids)


@task()
def send_survey(survey_id):
    from . import notifications

    return notifications.send_survey(survey_id)
