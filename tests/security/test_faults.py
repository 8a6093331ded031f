"""Outages: Redis down degrades to uncached pages; the database down answers a plain 503.

The cache tests point the cache at a closed port (redis://127.0.0.1:1), built by the same
`cache_config` production uses. The database tests make every new cursor fail as a refused
connection does (OperationalError), which is what Django raises when PostgreSQL is down.
"""

import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from config.settings.env import cache_config
from services.models import Appointment
from tests.factories.services import (
    ServiceIndexPageFactory,
    ServiceOfferingPageFactory,
    ServiceStationFactory,
    SlotFactory,
)
from tests.services.helpers import VALID_CONTACT, choose_service, choose_slot

pytestmark = pytest.mark.django_db

CLOSED_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.fixture
def redis_down(settings):
    from caching.backend import breaker

    breaker.reset()
    settings.CACHES = {"default": cache_config({"REDIS_URL": CLOSED_REDIS})}
    settings.HEMEI_PAGE_CACHE = True
    yield
    breaker.reset()


@pytest.fixture
def database_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed')

    def down():
        monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)

    return down


@pytest.fixture
def slot(home_page):
    index = ServiceIndexPageFactory(parent=home_page)
    offering = ServiceOfferingPageFactory(parent=index, title="社保验证", slug="social-security")
    station = ServiceStationFactory(offerings=[offering], name="苗圃小区党群服务站")
    return offering, SlotFactory(station=station)


# -- cache down --------------------------------------------------------------------------


def test_public_pages_are_served_uncached_when_redis_is_down(client, home_page, redis_down):
    # (A worker's own in-memory copy may still answer for a second: that is a feature.)
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200
    assert client.get("/search/?q=物业").status_code == 200


def test_the_outage_is_logged_once_not_per_request(client, home_page, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="caching.backend"):
        for _ in range(5):
            client.get("/")
    assert len([r for r in caplog.records if "Cache unavailable" in r.getMessage()]) == 1


def test_booking_post_works_when_redis_is_down(client, slot, redis_down):
    offering, the_slot = slot
    choose_service(client, offering)
    choose_slot(client, the_slot)
    response = client.post("/appointments/book/details/", VALID_CONTACT)
    assert response.status_code == 302
    assert response["Location"] == "/appointments/book/done/"
    assert Appointment.objects.count() == 1
    assert client.get("/appointments/book/done/").status_code == 200


def test_status_look_up_works_when_redis_is_down(client, slot, redis_down):
    response = client.post(
        "/appointments/status/", {"reference": "K7QM3XPD", "phone_last_four": "1"}
    )
    assert response.status_code == 200


def test_healthz_names_the_cache_when_redis_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error: ConnectionError"}


# -- database down -----------------------------------------------------------------------


def assert_plain_503(response):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    body = response.content.decode()
    assert "网站暂时无法访问" in body
    # Renders under the site's own CSP: no inline style or script.
    assert "<style" not in body and "style=" not in body and "<script" not in body
    assert "Content-Security-Policy" in response


def test_public_pages_answer_503_when_the_database_is_down(client, home_page, database_down):
    database_down()
    assert_plain_503(client.get("/"))
    assert_plain_503(client.get("/appointments/book/"))


def test_booking_post_answers_503_when_the_database_is_down(client, slot, database_down):
    offering, the_slot = slot
    choose_service(client, offering)
    choose_slot(client, the_slot)
    database_down()
    assert_plain_503(client.post("/appointments/book/details/", VALID_CONTACT))


def test_healthz_names_the_database_when_it_is_down(client, database_down):
    database_down()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "error: OperationalError", "cache": "ok"}


def test_a_cached_page_is_still_served_when_the_database_is_down(
    client, home_page, settings, database_down
):
    settings.HEMEI_PAGE_CACHE = True
    assert client.get("/").status_code == 200
    database_down()
    response = client.get("/")
    assert response.status_code == 200 and response["X-Hemei-Cache"] == "hit"


def test_other_errors_stay_a_plain_500_without_inline_style(client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr("home.views.HttpResponseRedirect", boom)
    response = client.get("/text-size/?size=large")
    assert response.status_code == 500
    body = response.content.decode()
    assert "抱歉，网站出了点问题" in body
    assert "<style" not in body and "style=" not in body
    assert "Retry-After" not in response
