import pytest
from django.core.management import call_command

from home.models import HomePage
from services.models import Appointment, ServiceOfferingPage, ServiceStation, SlotTemplate, Status

pytestmark = pytest.mark.django_db


def load():
    with open("/dev/null", "w") as out:
        call_command("load_demo", "--no-index", stdout=out)


def test_demo_services_content_is_complete_and_idempotent(client, demo):
    counts = (
        ServiceStation.objects.count(),
        Appointment.objects.count(),
        SlotTemplate.objects.count(),
    )
    home = HomePage.objects.get(locale__language_code="zh-hans")
    links = home.quick_links.count()
    load()
    assert (
        ServiceStation.objects.count(),
        Appointment.objects.count(),
        SlotTemplate.objects.count(),
    ) == counts
    assert HomePage.objects.get(pk=home.pk).quick_links.count() == links

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
