"""Integers from URLs, query strings and forms, range-checked before they reach a query.

SQLite raises OverflowError for an integer beyond 64 bits and `int()` accepts full-width and
other Unicode digits, so `?offering=99999999999999999999999` or `²` was a 500. Every integer a
visitor can send goes through `parse_int` (query and form values), the `id` path converter
(URLs: `<id:pk>` instead of `<int:pk>`) or `IdChoiceField` (forms choosing a row by key).
"""

from django import forms
from django.urls import register_converter

from .digits import ascii_digits

# The largest key every database backend stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def parse_int(value, default=None, min_value=None, max_value=MAX_ID):
    """`value` as an int within [min_value, max_value]; `default` if it is not one."""
    text = str(value or "").strip()
    sign = -1 if text.startswith("-") else 1
    digits = ascii_digits(text.lstrip("+-")) if text else None
    if digits is None or len(digits) > 19:
        return default
    number = sign * int(digits)
    if (min_value is not None and number < min_value) or (
        max_value is not None and number > max_value
    ):
        return default
    return number


def int_param(request, name, default=None, min_value=1, max_value=MAX_ID):
    """Query parameter `name` as an int in range (from 1 by default: keys), else `default`."""
    return parse_int(request.GET.get(name), default, min_value, max_value)


class IdConverter:
    """`<id:name>`: like `<int:name>`, but no longer than a database key can be."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that turns away keys no database can hold before querying them."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if (
            self.to_field_name is None
            and isinstance(value, str | int)
            and parse_int(value, min_value=0) is None
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)
