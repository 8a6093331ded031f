"""Stations that existed before they became translatable keep working after the migration."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("services", "0003_station_supervisors_and_image_upload")
AFTER = ("services", "0006_servicestation_locale_required")


def migrate(*targets):
    """Migrate to `targets` and return the historical models there.

    Home stays at its latest migration (none of it depends on these), so its models are taken
    from there: a column it added since (say, a community's contact) is NOT NULL in the table
    and must be in the historical model, or an insert leaves it out.
    """
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    home = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "home"]
    return executor.loader.project_state(list(targets) + home).apps


@pytest.mark.django_db(transaction=True)
def test_existing_stations_get_the_default_locale_and_keys_of_their_own():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        locale, _ = old.get_model("wagtailcore", "Locale").objects.get_or_create(
            language_code="zh-hans"
        )
        community = old.get_model("home", "Community").objects.create(
            name="回风亭社区", slug="huifengting", locale=locale, translation_key=uuid.uuid4()
        )
        compound = old.get_model("home", "Compound").objects.create(
            community=community,
            name="苗圃小区",
            slug="miaopu",
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        station_model = old.get_model("services", "ServiceStation")
        for slug in ("miaopu", "miaopu-east"):
            station_model.objects.create(name=slug, slug=slug, compound=compound, address="苗圃")

        new = migrate(AFTER)
        rows = list(
            new.get_model("services", "ServiceStation").objects.values_list(
                "locale__language_code", "translation_key"
            )
        )
        assert [code for code, _key in rows] == ["zh-hans", "zh-hans"]
        assert len({key for _code, key in rows}) == 2 and None not in {k for _c, k in rows}
    finally:
        migrate(*latest)
