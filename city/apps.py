from django.apps import AppConfig


class CityConfig(AppConfig):
    """Hemei at city scale: the synthetic city (`generate_city`) and the demo's communities."""

    name = "city"
    # A second and a third community next to 回风亭社区, with pages of their own.
    demo_loaders = ("city.demo.load",)
    demo_after = ("home", "notices", "rankings")
    default_auto_field = "django.db.models.BigAutoField"
