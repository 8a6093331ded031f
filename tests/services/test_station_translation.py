"""Service stations in English: translated words, one timetable, sensible fallbacks.

A station's translation holds only what a resident reads; its timetable, closures, services,
staff, slots and requests stay with the Chinese (default-language) station.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from home.demo_tools import ensure_snippet_translation, ensure_translation
from services.models import ServiceStation, Slot, SlotTemplate, localized_stations
from services.station_access import stations_handled_by
from tests.factories.home import CompoundFactory
from tests.factories.services import (
    ServiceStationFactory,
    SlotFactory,
    SlotTemplateFactory,
    StationClosureFactory,
)

from .helpers import book, choose_service

pytestmark = pytest.mark.django_db

EN_NAME = "Miaopu Service Station"


@pytest.fixture
def en():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def station(offering, station_only_offering):
    station = ServiceStationFactory(
        offerings=[offering, station_only_offering],
        name="苗圃小区党群服务站",
        slug="miaopu",
        address="苗圃小区2栋旁",
        opening_hours="周一至周五 8:30–17:30",
        off_hours_sessions="周二晚 19:00–20:30",
        directions="门口有红色标牌。",
        compound=CompoundFactory(name="苗圃小区", slug="miaopu"),
    )
    SlotTemplateFactory(station=station, weekday=5, start_time=datetime.time(9))
    return station


@pytest.fixture
def translated(station, en):
    return ensure_snippet_translation(
        station,
        en,
        name=EN_NAME,
        address="Next to block 2, Miaopu",
        opening_hours="Monday to Friday 8:30–17:30",
        off_hours_sessions="Tuesday evening 19:00–20:30",
        directions="Red sign at the door.",
    )


@pytest.fixture
def untranslated(offering):
    return ServiceStationFactory(offerings=[offering], name="宇众傲城党群服务站", slug="yuzhong")


@pytest.fixture
def en_services(services_index, offering, en):
    ensure_translation(services_index, en, title="Community services")
    return ensure_translation(offering, en, title="Social-security check", summary="Yearly check")


def test_a_translation_holds_words_only(station, translated, en):
    assert translated.locale == en and translated.translation_key == station.translation_key
    assert (translated.slug, translated.compound_id, translated.phone) == (
        station.slug,
        station.compound_id,
        station.phone,
    )
    assert station.slot_templates.count() == 1
    # No copied timetable, services or staff that would make slots or access twice over.
    assert translated.slot_templates.count() == 0
    assert translated.closures.count() == 0
    assert translated.offerings.count() == 0 and translated.staff.count() == 0


def test_translated_stations_never_get_slots_or_show_up_in_operations(
    station, translated, supervisor_user
):
    # Even if someone gave the translation a timetable of its own by hand ...
    SlotTemplate.objects.create(
        station=translated, weekday=0, start_time=datetime.time(9), end_time=datetime.time(10)
    )
    Slot.objects.materialise()
    assert set(Slot.objects.values_list("station", flat=True)) == {station.pk}
    SlotFactory(station=translated)
    assert {s.station_id for s in Slot.objects.bookable()} == {station.pk}
    # ... and supervisors filter the queue by the station itself, not by each translation.
    assert list(stations_handled_by(supervisor_user)) == [station]
    assert list(ServiceStation.objects.active()) == [station]


def test_english_index_shows_english_names_and_falls_back_to_chinese(
    client, station, translated, untranslated, en_services
):
    html = client.get("/en/services/").content.decode()
    assert EN_NAME in html and "Monday to Friday 8:30–17:30" in html
    assert "苗圃小区党群服务站" not in html
    assert "宇众傲城党群服务站" in html  # no translation yet: the Chinese name, not nothing
    assert 'href="/en/services/stations/miaopu/"' in html
    chinese = client.get("/services/").content.decode()
    assert "苗圃小区党群服务站" in chinese and EN_NAME not in chinese


def test_english_index_lists_every_offering_in_english_where_translated(
    client, offering, station_only_offering, en_services
):
    html = client.get("/en/services/").content.decode()
    assert "Social-security check" in html and f'href="{en_services.url}"' in html
    assert "社保验证" not in html
    # Not translated yet: listed in Chinese, linking to the Chinese page, rather than missing.
    assert station_only_offering.title in html and station_only_offering.url in html


def test_english_station_page(client, station, translated, en_services):
    compound_en = ensure_snippet_translation(station.compound, translated.locale, name="Miaopu")
    StationClosureFactory(station=station)
    response = client.get("/en/services/stations/miaopu/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (EN_NAME, "Next to block 2, Miaopu", "Tuesday evening", "Red sign at the door."):
        assert text in html
    assert compound_en.name in html
    assert f'<span aria-current="page">{EN_NAME}</span>' in html  # the breadcrumb names the station
    assert "苗圃" not in html  # neither station, compound nor service in Chinese
    # The timetable and services come from the Chinese station.
    assert '<caption id="station-times-caption">' in html and "Social-security check" in html
    assert response.context["upcoming_closures"].count() == 1
    chinese = client.get("/services/stations/miaopu/").content.decode()
    assert "苗圃小区党群服务站" in chinese and EN_NAME not in chinese


def test_english_station_page_without_translation_falls_back(client, untranslated, en_services):
    response = client.get("/en/services/stations/yuzhong/")
    assert response.status_code == 200
    assert "宇众傲城党群服务站" in response.content.decode()
    # A translation's slug is not a second address in Chinese.
    assert client.get("/services/stations/no-such/").status_code == 404


def test_english_offering_page_lists_english_station_names(
    client, station, translated, untranslated, en_services
):
    html = client.get(en_services.url).content.decode()
    assert EN_NAME in html and "苗圃小区党群服务站" not in html
    assert "宇众傲城党群服务站" in html


def test_english_booking_and_status_show_the_english_station(
    client, offering, station, translated, en_services
):
    slot = SlotFactory(station=station)
    choose_service(client, offering)
    html = client.get("/en/appointments/book/time/").content.decode()
    assert EN_NAME in html and "苗圃小区党群服务站" not in html
    client.post("/en/appointments/book/time/", {"slot": slot.pk})
    assert EN_NAME in client.get("/en/appointments/book/details/").content.decode()
    response = book(client, offering, slot)
    assert response.status_code == 302
    done = client.get("/en/appointments/book/done/").content.decode()
    assert EN_NAME in done
    # The request belongs to the Chinese station, where its staff see it.
    assert list(station.appointments.values_list("station", flat=True)) == [station.pk]


def test_localized_stations_is_one_query_for_any_number(station, en, django_assert_num_queries):
    others = [ServiceStationFactory() for _ in range(5)]
    for other in others[:3]:
        ensure_snippet_translation(other, en, name=f"Station {other.pk}")
    stations = [station, *others]
    with django_assert_num_queries(1):
        shown = localized_stations(stations, en)
    assert [s.name for s in shown] == [station.name] + [f"Station {o.pk}" for o in others[:3]] + [
        o.name for o in others[3:]
    ]
    with django_assert_num_queries(0):
        assert localized_stations(stations, station.locale_id) == stations


def test_one_row_per_station_and_language_and_unique_slugs(station, translated, en):
    with transaction.atomic(), pytest.raises(IntegrityError):
        ServiceStationFactory(slug=station.slug)  # same slug, same language
    with transaction.atomic(), pytest.raises(IntegrityError):
        ServiceStationFactory(slug="elsewhere", locale=en, translation_key=station.translation_key)
    ServiceStationFactory(slug="miaopu-2", locale=en)  # a new English-only row is fine


def test_wagtail_localize_translates_a_station_through_the_admin(client, admin_user, station, en):
    client.force_login(admin_user)
    url = f"/admin/localize/submit/snippet/services/servicestation/{station.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code == 302
    translation = ServiceStation.objects.get(locale=en, translation_key=station.translation_key)
    assert translation.slug == station.slug
    assert translation.slot_templates.count() == 0 and translation.offerings.count() == 0
    source = TranslationSource.objects.get_for_instance(station)
    fields = {segment.context.path for segment in source.stringsegment_set.all()}
    assert {"name", "address", "opening_hours", "off_hours_sessions", "directions"} <= fields
    assert "phone" not in fields and "slug" not in fields
    # The translation editor opens.
    edit = f"/admin/snippets/services/servicestation/edit/{translation.pk}/"
    assert client.get(edit).status_code == 200
