from django.apps import AppConfig


class CityConfig(AppConfig):
    """Tools for running Hemei at city scale: the synthetic city (`generate_city`)."""

    name = "city"
    default_auto_field = "django.db.models.BigAutoField"
