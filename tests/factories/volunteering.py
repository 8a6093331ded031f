import datetime

import factory
import wagtail_factories
from django.utils import timezone

from services.models import (
    VolunteerApplication,
    VolunteerEventIndexPage,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerSignup,
    VolunteerTeamPage,
)
from services.volunteering.models import EventType


class VolunteerTeamPageFactory(wagtail_factories.PageFactory):
    title = "小区管家志愿服务队"
    slug = factory.Sequence(lambda n: f"volunteers-{n}")
    intro = "<p>小区管家志愿服务队。</p>"

    class Meta:
        model = VolunteerTeamPage


class VolunteerEventIndexPageFactory(wagtail_factories.PageFactory):
    title = "志愿活动"
    slug = factory.Sequence(lambda n: f"events-{n}")

    class Meta:
        model = VolunteerEventIndexPage


class VolunteerEventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"志愿活动{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    event_type = EventType.HEALTH_CHECK
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    meeting_point = "党群服务站门口"
    capacity = 3
    organiser = "回风亭社区党委"
    what_to_bring = "志愿者马甲"

    class Meta:
        model = VolunteerEventPage


class VolunteerSignupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"志愿者{n}")
    mobile = factory.Sequence(lambda n: f"138{n:08d}")
    status = VolunteerSignup.Status.CONFIRMED

    class Meta:
        model = VolunteerSignup


class VolunteerApplicationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"申请人{n}")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    category = VolunteerApplication.Category.RETIREE
    consent = True
    status = VolunteerApplication.Status.APPROVED

    class Meta:
        model = VolunteerApplication


class VolunteerEventReportFactory(factory.django.DjangoModelFactory):
    services_delivered = 40
    people_helped = 25
    summary = "为居民测量血压。"

    class Meta:
        model = VolunteerEventReport
