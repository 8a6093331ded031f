"""The volunteer forms count hits per client, as the booking forms do, also behind the proxy."""

import pytest
from django.test import Client

from services.models import VolunteerApplication, VolunteerSignup
from tests.factories.volunteering import VolunteerEventPageFactory

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # every request reaches the site from the proxy's address


def behind_proxy(real_ip):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=real_ip)


@pytest.fixture
def proxy_settings(settings):
    settings.HEMEI_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.HEMEI_RATE_LIMITS = {"volunteer-signup": (2, 600), "volunteer-join": (2, 3600)}


def sign_up(client, event, n):
    return client.post(event.url, {"name": f"人{n}", "mobile": f"1380000{n:04d}", "consent": "on"})


def test_sign_ups_behind_the_proxy_are_limited_per_client(proxy_settings, event_index):
    event = VolunteerEventPageFactory(parent=event_index, capacity=50)
    first, second = behind_proxy("203.0.113.1"), behind_proxy("203.0.113.2")
    for n in range(2):
        assert sign_up(first, event, n).status_code == 302
    refused = sign_up(first, event, 2)
    assert refused.status_code == 200 and "提交次数过多" in refused.content.decode()
    # Another visitor behind the same proxy still has their own allowance.
    assert sign_up(second, event, 3).status_code == 302
    assert VolunteerSignup.objects.count() == 3


def test_join_requests_behind_the_proxy_are_limited_per_client(proxy_settings, team_page):
    data = {"name": "王芳", "mobile": "13912345678", "category": "student", "consent": "on"}
    first, second = behind_proxy("203.0.113.1"), behind_proxy("203.0.113.2")
    for _ in range(2):
        assert first.post(team_page.url, data).status_code == 302
    assert first.post(team_page.url, data).status_code == 200
    assert second.post(team_page.url, data).status_code == 302
    assert VolunteerApplication.objects.count() == 3
