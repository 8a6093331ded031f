import datetime

import factory
import wagtail_factories
from django.utils import timezone

from services.models import (
    Appointment,
    Mode,
    ServiceIndexPage,
    ServiceOfferingPage,
    ServiceStation,
    Slot,
    SlotTemplate,
    StationClosure,
)

from .home import CompoundFactory, LocaleDefaultMixin


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    title = "便民服务"
    slug = "services"

    class Meta:
        model = ServiceIndexPage


class ServiceOfferingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社保验证{n}")
    slug = factory.Sequence(lambda n: f"offering-{n}")
    summary = "养老金领取资格年度认证"
    allows_station = True
    allows_home_visit = True

    class Meta:
        model = ServiceOfferingPage


class ServiceStationFactory(LocaleDefaultMixin):
    name = factory.Sequence(lambda n: f"测试党群服务站{n}")
    slug = factory.Sequence(lambda n: f"station-{n}")
    compound = factory.SubFactory(CompoundFactory)
    address = "巴中市巴州区回风街道"
    phone = "0827-5268011"

    class Meta:
        model = ServiceStation
        skip_postgeneration_save = True

    @factory.post_generation
    def offerings(self, create, extracted, **kwargs):
        if extracted:
            self.offerings.set(extracted)
            self.save()


class SlotTemplateFactory(factory.django.DjangoModelFactory):
    station = factory.SubFactory(ServiceStationFactory)
    weekday = 0
    start_time = datetime.time(9, 0)
    end_time = datetime.time(11, 0)
    mode = Mode.STATION
    capacity = 2

    class Meta:
        model = SlotTemplate


class StationClosureFactory(factory.django.DjangoModelFactory):
    station = factory.SubFactory(ServiceStationFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))
    reason = "节日休息"

    class Meta:
        model = StationClosure


class SlotFactory(factory.django.DjangoModelFactory):
    station = factory.SubFactory(ServiceStationFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=2))
    # Distinct times, so that many slots fit one day without breaking the unique constraint.
    start_time = factory.Sequence(lambda n: datetime.time(8 + n % 10, 5 * ((n // 10) % 12)))
    end_time = factory.LazyAttribute(
        lambda o: datetime.time(o.start_time.hour + 1, o.start_time.minute)
    )
    mode = Mode.STATION
    capacity = 2

    class Meta:
        model = Slot


class AppointmentFactory(factory.django.DjangoModelFactory):
    slot = factory.SubFactory(SlotFactory)
    station = factory.SelfAttribute("slot.station")
    mode = factory.SelfAttribute("slot.mode")
    offering = None  # pass one: pages need a parent
    requester_name = "王小明"
    requester_phone = factory.Sequence(lambda n: f"1390827{n % 10000:04d}")
    consent_given_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Appointment
