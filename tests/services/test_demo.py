"""The services part of `load_demo`: stations, offerings, appointments, in both languages.

Idempotency is tested once for every app: tests/home/test_load_demo.py.
"""

import pytest

from services.models import Appointment, ServiceOfferingPage, ServiceStation, SlotTemplate, Status

pytestmark = pytest.mark.django_db


def test_demo_services_content_is_complete(client, demo):
    assert set(ServiceStation.objects.values_list("compound__slug", flat=True)) == {
        "beilu-huafu",
        "miaopu",
        "yuzhong-aocheng",
    }
    assert ServiceOfferingPage.objects.filter(locale__language_code="zh-hans").count() == 4
    assert ServiceOfferingPage.objects.filter(locale__language_code="en", live=True).count() == 4
    assert set(Appointment.objects.values_list("status", flat=True)) == set(Status.values)
    home_visits = SlotTemplate.objects.filter(mode="home")
    assert home_visits.filter(weekday__gte=5).exists()  # weekend
    assert home_visits.filter(start_time__hour__gte=18).exists()  # evening

    html = client.get("/").content.decode()
    assert "/appointments/book/" in html and "便民服务" in html
    assert client.get("/services/").status_code == 200
    assert "Community services" in client.get("/en/services/").content.decode()


def main(response):
    """The page's own content, without the footer's contact details (a site setting)."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_demo_stations_read_in_english_on_english_pages(client, demo):
    english = ServiceStation.objects.filter(locale__language_code="en")
    assert english.count() == ServiceStation.objects.sources().count() == 3
    assert not SlotTemplate.objects.filter(station__in=english).exists()
    html = main(client.get("/en/services/"))
    for name in ("Beilu Huafu Service Station", "Miaopu Service Station"):
        assert name in html
    assert "党群服务站" not in html and "周一至周五" not in html
    station = main(client.get("/en/services/stations/miaopu/"))
    assert "Miaopu Service Station" in station and "no steps, so wheelchairs" in station
    assert "Monday to Friday" in station and "苗圃" not in station
    assert "苗圃小区党群服务站" in client.get("/services/stations/miaopu/").content.decode()
    assert "Miaopu Service Station" in client.get("/en/compounds/miaopu/").content.decode()
