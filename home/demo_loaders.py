"""Which demo loaders `load_demo` runs, and in what order, discovered over INSTALLED_APPS.

An app with demo content declares on its AppConfig:

- `demo_loaders`: dotted paths of functions `load(context)`, run in the order listed;
- `demo_after`: labels of the apps whose loaders must run first (later loaders read what
  earlier ones put in the shared context: community, firms, compounds, home), or `"*"` to run
  after every other app's loaders.

Apps run in INSTALLED_APPS order except where `demo_after` says otherwise. A loader that cannot
be imported, or a dependency that is not installed, is an error: demo content that silently
goes missing is worse than a failed command.
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

AFTER_ALL = "*"


def _dependencies(config, labels):
    """The labels among `labels` (apps with loaders) whose loaders must run before `config`'s."""
    after = getattr(config, "demo_after", ())
    if after == AFTER_ALL:
        return [label for label in labels if label != config.label]
    installed = {other.label for other in apps.get_app_configs()}
    for label in after:
        if label not in installed:
            raise ImproperlyConfigured(
                f"{config.label}.demo_after names {label!r}, which is not an installed app."
            )
    return [label for label in after if label in labels]


def ordered_apps():
    """The app configs that have demo loaders, each after the apps it depends on."""
    configs = [config for config in apps.get_app_configs() if getattr(config, "demo_loaders", ())]
    labels = [config.label for config in configs]
    pending = {config.label: _dependencies(config, labels) for config in configs}
    ordered = []
    while pending:
        done = {config.label for config in ordered}
        ready = next(
            (c for c in configs if c.label in pending and set(pending[c.label]) <= done), None
        )
        if ready is None:
            raise ImproperlyConfigured(f"Demo loaders depend on each other in a circle: {pending}")
        ordered.append(ready)
        del pending[ready.label]
    return ordered


def demo_loaders():
    """(dotted path, function) of every demo loader, in the order to run them."""
    return [
        (path, import_string(path)) for config in ordered_apps() for path in config.demo_loaders
    ]
