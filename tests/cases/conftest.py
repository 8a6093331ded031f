import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from home import sms

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday morning in the site's time zone; every test in this folder starts here.
NOW = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def clock():
    """The frozen clock: `clock.shift(hours=…)` moves it on."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield Clock(traveller)


class Clock:
    def __init__(self, traveller):
        self.traveller = traveller

    def shift(self, **delta):
        self.traveller.shift(datetime.timedelta(**delta))


class RecordingSmsBackend(sms.BaseSmsBackend):
    sent = []

    def send(self, phone, message):
        RecordingSmsBackend.sent.append((phone, message))


@pytest.fixture
def recorded_sms(settings):
    RecordingSmsBackend.sent = []
    settings.HEMEI_SMS_BACKEND = "tests.cases.conftest.RecordingSmsBackend"
    return RecordingSmsBackend.sent


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("case-staff", "staff@example.cn", "pw-123456789")
