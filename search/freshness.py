"""A published page is searchable at once, whether or not a task worker runs.

Wagtail queues every index update as a task (`modelsearch.tasks`); with the database task
backend of production settings only `manage.py db_worker` runs them, so on a site without a
worker a new notice stayed unsearchable. Publishing and unpublishing therefore update the
index in the request itself, after the commit (one object, a few statements); the queued
task still runs if a worker does, and rewrites the same entry.
"""

from django.db import transaction
from modelsearch import index
from wagtail.signals import page_published, page_unpublished


def index_page_now(sender, instance, **kwargs):
    model = instance.specific_class or type(instance)
    pk = instance.pk

    def update():
        # Read after the commit: the page may have been changed or deleted meanwhile.
        obj = model._default_manager.filter(pk=pk).first()
        if obj is not None:
            index.insert_or_update_object(obj)

    transaction.on_commit(update)


def connect():
    page_published.connect(index_page_now, dispatch_uid="hemei_search_index_published")
    page_unpublished.connect(index_page_now, dispatch_uid="hemei_search_index_unpublished")
