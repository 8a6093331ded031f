"""Mainland mobile numbers: the one rule for every form that asks for one.

People type numbers as they read them: in groups, with dashes, with the country code, or
with the full-width digits of a Chinese input method. All of those are accepted; what is
stored is always the plain 11 ASCII digits.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
# Separators people put between groups of digits; anything else makes the input invalid.
SEPARATORS_RE = re.compile(r"[ \-().]")
COUNTRY_PREFIX_RE = re.compile(r"^(?:\+86|0086|86(?=[0-9]{11}$))")

INVALID_MESSAGE = _(
    "Please enter an 11-digit mainland mobile number starting with 1, for example 13812345678."
)


def normalise_mobile(value):
    """The 11 ASCII digits of a mainland mobile number, or None if `value` is not one.

    NFKC first, so full-width digits, spaces and plus signs become their ASCII forms;
    only then are separators and a +86 / 0086 / 86 prefix removed.
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = COUNTRY_PREFIX_RE.sub("", SEPARATORS_RE.sub("", text))
    return text if MOBILE_RE.fullmatch(text) else None


class MobileNumberField(forms.CharField):
    """A form field that cleans to the normalised number (or "" when optional and empty)."""

    default_error_messages = {"invalid": INVALID_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        # "tel", not "numeric": phone keypads offer "+" and the space people type.
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        number = normalise_mobile(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number
