"""The one masking rule every staff list and log uses (appointments, volunteers, officers)."""

import pytest

from home import masking, sms
from notices.models import associations
from services.models import appointments
from services.volunteering.models import signups as volunteering


@pytest.mark.parametrize(
    "value, masked",
    [
        ("13812345678", "138****5678"),  # a mainland mobile: the usual case
        ("", ""),
        (None, ""),
        ("12345", "*****"),  # too short to show anything
        ("1234567", "*******"),  # seven: showing 3 + 4 would show every digit
        ("12345678", "****5678"),  # eight to ten: the last four only
        ("0827526801", "******6801"),
        ("0827-5268011", "082*****8011"),  # longer: the length still shows
        ("+8613812345678", "+86*******5678"),
    ],
)
def test_mask_phone(value, masked):
    assert masking.mask_phone(value) == masked


@pytest.mark.parametrize("length", range(1, 16))
def test_a_masked_phone_always_hides_at_least_four_characters(length):
    value = "1234567890abcde"[:length]
    masked = masking.mask_phone(value)
    assert len(masked) == length
    assert masked.count("*") >= min(4, length)


@pytest.mark.parametrize(
    "value, masked",
    [("张三丰", "张**"), ("李四", "李*"), ("王", "王*"), (" 刘 ", "刘*"), ("", ""), (None, "")],
)
def test_mask_name(value, masked):
    assert masking.mask_name(value) == masked


def test_every_app_uses_the_shared_functions():
    """No app keeps a copy of its own that could drift from the rule tested above."""
    assert appointments.mask_phone is masking.mask_phone
    assert sms.mask_phone is masking.mask_phone
    assert volunteering.mask_phone is masking.mask_phone
    assert volunteering.mask_name is masking.mask_name
    assert associations.mask_name is masking.mask_name
    assert not hasattr(volunteering, "mask_mobile")
