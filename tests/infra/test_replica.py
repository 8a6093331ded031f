"""The read-replica router: which requests read from the replica, and what its outage costs.

The decisions are tested at the seam (router, middleware, settings); on PostgreSQL the
"replica" alias mirrors the test database (config/settings/test.py), so the last tests serve a
real public page through the router and watch its statements go to the replica connection.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from config import replica
from config.settings.env import replica_config
from home.models import HomePage

BASE_DIR = Path(__file__).resolve().parents[2]
CLOSED_PORT = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "hemei_unreachable",
    "USER": "postgres",
    "HOST": "127.0.0.1",
    "PORT": 1,
    "OPTIONS": {"connect_timeout": 2},
}


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    settings.HEMEI_REPLICA_SETTLE_SECONDS = 0
    replica.state.reset()
    yield
    replica.state.reset()


@pytest.fixture
def broken_replica(monkeypatch):
    """A replica connection to a closed port, as when the replica server is down.

    Its own alias, made outside DATABASES (Django's test isolation refuses connections to the
    configured aliases a test did not ask for, and allows those created on the fly).
    """
    from django.db.backends.postgresql.base import DatabaseWrapper

    alias = "replica_down"
    configured = connections.configure_settings(
        {"default": dict(connections.settings["default"]), alias: dict(CLOSED_PORT)}
    )[alias]
    setattr(connections._connections, alias, DatabaseWrapper(configured, alias))
    monkeypatch.setattr(replica, "REPLICA", alias)
    yield alias
    connections[alias].close()
    delattr(connections._connections, alias)


# -- settings ----------------------------------------------------------------------------


def test_no_replica_without_the_variable():
    assert replica_config({}) is None


def test_replica_from_the_variable_mirrors_default_under_test():
    config = replica_config({"DATABASE_REPLICA_URL": "postgres://ro:pw@db-replica:5432/hemei"})
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"]) == ("db-replica", "hemei")
    assert config["TEST"] == {"MIRROR": "default"}
    # A dead replica must not hold requests: given up on quickly, then the primary serves.
    assert config["OPTIONS"]["connect_timeout"] <= 2


PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "middleware": settings.MIDDLEWARE,
}))
"""


def production_settings(extra):
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="hemei.example.cn",
        DATABASE_URL="postgres://hemei@db-primary:5432/hemei",
        PYTHONPATH=str(BASE_DIR),
        **extra,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_installs_the_router_only_when_a_replica_is_configured():
    without = production_settings({})
    assert without["aliases"] == ["default"]
    assert without["routers"] == []
    assert "config.replica.ReplicaMiddleware" not in without["middleware"]
    with_replica = production_settings(
        {"DATABASE_REPLICA_URL": "postgres://hemei@db-replica:5432/hemei"}
    )
    assert with_replica["aliases"] == ["default", "replica"]
    assert with_replica["routers"] == ["config.replica.ReplicaRouter"]
    middleware = with_replica["middleware"]
    # Decided before the page cache renders anything.
    assert middleware.index("config.replica.ReplicaMiddleware") < middleware.index(
        "caching.middleware.AnonymousPageCacheMiddleware"
    )


# -- decisions ---------------------------------------------------------------------------

factory = RequestFactory()


@pytest.mark.parametrize(
    ("method", "path", "cookies", "public"),
    [
        ("get", "/", {}, True),
        ("head", "/notices/", {}, True),
        ("get", "/search/", {"hemei_text_size": "large"}, True),
        ("post", "/appointments/book/", {}, False),
        ("get", "/", {"sessionid": "abc"}, False),
        ("get", "/admin/pages/", {}, False),
        ("get", "/django-admin/", {}, False),
        ("get", "/healthz", {}, False),
    ],
)
def test_which_requests_may_read_from_the_replica(method, path, cookies, public):
    request = getattr(factory, method)(path)
    request.COOKIES.update(cookies)
    assert replica.is_public_read(request) is public


def test_router_reads_from_the_replica_only_when_the_request_allows_it():
    router = replica.ReplicaRouter()
    assert router.db_for_read(HomePage) == "default"
    token = replica._use_replica.set(True)
    try:
        assert router.db_for_read(HomePage) == "replica"
        assert router.db_for_write(HomePage) == "default"
    finally:
        replica._use_replica.reset(token)
    assert router.db_for_read(HomePage) == "default"


def test_router_keeps_reads_inside_a_transaction_on_the_primary(monkeypatch):
    router = replica.ReplicaRouter()
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    token = replica._use_replica.set(True)
    try:
        assert router.db_for_read(HomePage) == "default"
    finally:
        replica._use_replica.reset(token)


def test_only_the_primary_is_migrated():
    router = replica.ReplicaRouter()
    assert router.allow_migrate("default", "home") is True
    assert router.allow_migrate("replica", "home") is False


def middleware_choice(request):
    seen = {}

    def view(request):
        seen["db"] = replica.ReplicaRouter().db_for_read(HomePage)
        return HttpResponse("ok")

    replica.ReplicaMiddleware(view)(request)
    return seen["db"], request.hemei_read_database


def test_a_new_generation_reads_from_the_primary_until_the_replica_has_settled(
    settings, monkeypatch
):
    monkeypatch.setattr(replica, "replica_available", lambda: True)
    generation = {"value": 7}
    monkeypatch.setattr(replica, "current_generation", lambda request: generation["value"])
    clock = {"now": 1000.0}
    monkeypatch.setattr(replica.time, "monotonic", lambda: clock["now"])
    settings.HEMEI_REPLICA_SETTLE_SECONDS = 5
    assert middleware_choice(factory.get("/")) == ("default", "default")  # first seen
    clock["now"] += 5
    assert middleware_choice(factory.get("/")) == ("replica", "replica")
    generation["value"] = 8  # something was published
    assert middleware_choice(factory.get("/")) == ("default", "default")
    clock["now"] += 4.9
    assert middleware_choice(factory.get("/")) == ("default", "default")
    clock["now"] += 0.2
    assert middleware_choice(factory.get("/")) == ("replica", "replica")
    # A POST never reads from the replica, settled or not.
    assert middleware_choice(factory.post("/")) == ("default", "default")


@pytest.mark.django_db
def test_a_replica_that_is_down_sends_reads_to_the_primary_and_is_logged_once(
    broken_replica, caplog
):
    with caplog.at_level(logging.WARNING, logger="config.replica"):
        assert middleware_choice(factory.get("/")) == ("default", "default")
        assert middleware_choice(factory.get("/notices/")) == ("default", "default")
    assert replica.state.is_down()
    warnings = [r for r in caplog.records if "replica" in r.getMessage().lower()]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_a_public_page_is_served_when_the_replica_is_down(
    client, home_page, broken_replica, settings
):
    settings.DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
    settings.MIDDLEWARE = ["config.replica.ReplicaMiddleware", *settings.MIDDLEWARE]
    response = client.get("/")
    assert response.status_code == 200
    assert home_page.title in response.content.decode()
    assert response.wsgi_request.hemei_read_database == "default"
    assert replica.state.is_down()


# -- through a real second connection (PostgreSQL) ---------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(
    "replica" not in django_settings.DATABASES,
    reason="needs PostgreSQL (the replica alias mirrors its test database)",
)
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_public_page_is_read_through_the_replica_connection(client, home_page, settings):
    settings.DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
    settings.MIDDLEWARE = ["config.replica.ReplicaMiddleware", *settings.MIDDLEWARE]
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get("/")
    assert response.status_code == 200
    assert home_page.title in response.content.decode()
    assert response.wsgi_request.hemei_read_database == "replica"
    assert any("wagtailcore_page" in q["sql"] for q in on_replica.captured_queries)
    assert not any("wagtailcore_page" in q["sql"] for q in on_primary.captured_queries)
    # A signed-in editor's request reads from the primary.
    client.cookies["sessionid"] = "not-a-session"
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.hemei_read_database == "default"
    assert on_replica.captured_queries == []
