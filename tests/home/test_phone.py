"""The one rule for mainland mobile numbers, and the one form field every form uses."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import services
from home.phone import MobileNumberField, normalise_mobile

# (what a person types, what is stored)
ACCEPTED = [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("(138) 1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("0086 13812345678", "13812345678"),
    ("8613812345678", "13812345678"),
    ("  19912345678  ", "19912345678"),
    ("１３８１２３４５６７８", "13812345678"),  # full-width digits from a Chinese IME
    ("＋８６　１３８－１２３４－５６７８", "13812345678"),  # full-width plus, space and dash
]

REJECTED = [
    "12345678901",  # second digit must be 3-9
    "1381234567",  # 10 digits
    "138123456789",  # 12 digits
    "138a1234567",  # letters are not dropped silently
    "1381234567a",
    "abcdefghijk",
    "",
    "   ",
    "📱13812345678",
    "1381234😀5678",
    "1381234\x005678",
    "13812345678\x00",
    "+1 13812345678",
    "86 0086 13812345678",
    "١٣٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits are digits, but not ones we store
]


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED)
def test_accepted_numbers_are_stored_as_11_ascii_digits(typed, stored):
    assert normalise_mobile(typed) == stored
    assert MobileNumberField().clean(typed) == stored


@pytest.mark.parametrize("typed", REJECTED)
def test_rejected_inputs(typed):
    assert normalise_mobile(typed) is None
    with pytest.raises(forms.ValidationError):
        MobileNumberField().clean(typed)


def test_an_optional_field_left_empty_cleans_to_an_empty_string():
    assert MobileNumberField(required=False).clean("  ") == ""


def _forms_in(package):
    """Every form class defined in `package` and its submodules (migrations left out)."""
    found = []
    for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if ".migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        found += [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, forms.BaseForm)
            and value.__module__ == module.__name__
        ]
    return found


def test_every_mobile_field_in_services_is_the_shared_field():
    mobile_fields = {
        f"{form.__name__}.{name}": field
        for form in _forms_in(services)
        for name, field in form.base_fields.items()
        # phone_last_four is a four-digit check on a status look-up, not a number to store.
        if ("mobile" in name or "phone" in name) and name != "phone_last_four"
    }
    assert {
        "ContactForm.requester_phone",
        "ContactForm.beneficiary_phone",
        "VolunteerApplicationForm.mobile",
        "EventSignupForm.mobile",
    } <= mobile_fields.keys()
    assert {
        name: type(field).__name__
        for name, field in mobile_fields.items()
        if type(field) is not MobileNumberField
    } == {}
