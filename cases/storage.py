"""Where residents' photos are kept: outside MEDIA_ROOT, so no web server can hand them out.

Staff see them only through a permission-checked admin view (cases/admin_views.py).
"""

from django.core.files.storage import storages

PRIVATE_STORAGE = "private"


def private_storage():
    # A callable, so that tests and deployments can point the alias elsewhere in settings.
    return storages[PRIVATE_STORAGE]
