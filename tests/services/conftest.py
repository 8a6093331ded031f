import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from home.roles import EDITORS, STATION_STAFF, STATION_SUPERVISORS
from tests.factories.home import city_level
from tests.factories.services import (
    AppointmentFactory,
    ServiceIndexPageFactory,
    ServiceOfferingPageFactory,
    ServiceStationFactory,
    SlotFactory,
)


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def services_index(home_page):
    return ServiceIndexPageFactory(parent=home_page)


@pytest.fixture
def offering(services_index):
    return ServiceOfferingPageFactory(
        parent=services_index, title="社保验证", slug="social-security"
    )


@pytest.fixture
def station_only_offering(services_index):
    return ServiceOfferingPageFactory(
        parent=services_index, title="就业培训", slug="job-training", allows_home_visit=False
    )


@pytest.fixture
def station(offering, station_only_offering):
    return ServiceStationFactory(
        offerings=[offering, station_only_offering], name="苗圃小区党群服务站"
    )


@pytest.fixture
def slot(station):
    return SlotFactory(
        station=station, start_time=datetime.time(9, 0), end_time=datetime.time(11, 0)
    )


@pytest.fixture
def home_slot(station):
    return SlotFactory(
        station=station,
        mode="home",
        start_time=datetime.time(19, 0),
        end_time=datetime.time(20, 30),
    )


@pytest.fixture
def appointment(offering, slot):
    return AppointmentFactory(offering=offering, slot=slot, requester_phone="13812345678")


@pytest.fixture
def make_appointment(offering, station):
    def make(**kwargs):
        kwargs.setdefault("offering", offering)
        kwargs.setdefault("slot", SlotFactory(station=station))
        return AppointmentFactory(**kwargs)

    return make


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.cn", "pw-123456789", **extra
    )
    if group:
        city_level(user).groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def staff_user(db, django_user_model, station):
    """A member of the station-staff group on the staff of `station`."""
    user = _user(django_user_model, "staff", STATION_STAFF)
    station.staff.add(user)
    station.save()  # a ParentalManyToManyField is written on save
    return user


@pytest.fixture
def supervisor_user(db, django_user_model):
    return _user(django_user_model, "supervisor", STATION_SUPERVISORS)


@pytest.fixture
def editor_user(db, django_user_model):
    return _user(django_user_model, "editor", EDITORS)
