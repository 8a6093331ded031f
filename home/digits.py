"""Digits as people type them: NFKC first, then only ASCII digits count.

A Chinese input method gives full-width digits (１２３４); Python's `\\d`, `str.isdigit()` and
`int()` accept those and more (Arabic-Indic digits, superscripts), while the database and
`secrets.compare_digest` do not. Every field and parameter that holds digits goes through
here, so what is validated is what is stored and compared: plain 0-9.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ASCII_DIGITS_RE = re.compile(r"[0-9]+")
# Spaces people put inside a number (NFKC has already turned the ideographic space into one).
SPACES_RE = re.compile(r"\s+")


def normalise_digits(value):
    """`value` after NFKC with spaces removed (full-width digits become ASCII ones)."""
    return SPACES_RE.sub("", unicodedata.normalize("NFKC", str(value or "")))


def ascii_digits(value):
    """The ASCII digits `value` stands for, or None if it is not purely digits."""
    text = normalise_digits(value)
    return text if ASCII_DIGITS_RE.fullmatch(text) else None


class DigitsField(forms.CharField):
    """A field of exactly `length` digits (e.g. the last four of a phone), cleaned to ASCII."""

    default_error_messages = {"invalid": _("Please enter exactly %(length)d digits.")}

    def __init__(self, *, length, **kwargs):
        self.length = length
        # Full-width input takes the same number of characters; spaces may come along.
        kwargs.setdefault("max_length", length * 2 + 4)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        digits = ascii_digits(value)
        if digits is None or len(digits) != self.length:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"length": self.length}
            )
        return digits
