"""How long personal data is kept, and the registry of what `purge_personal_data` anonymises.

An app declares its purgers on its AppConfig as `personal_data_purgers`: dotted paths of objects
with `count(days)` and `purge(days)`, each returning {label: number of records}. The command
(services/management/commands/purge_personal_data.py) runs them all, so that no app has to
import another to have its data purged.
"""

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_RETENTION_DAYS = 180


def retention_days():
    return int(getattr(settings, "HEMEI_PERSONAL_DATA_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def registered_purgers():
    """Every declared purger, in the order of INSTALLED_APPS."""
    return [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, "personal_data_purgers", ())
    ]
