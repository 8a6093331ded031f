"""Filter forms for public listings: plain GET forms, every bad value reported, none fatal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.months import parse_month


class MonthField(forms.CharField):
    """A month typed any way home.months reads; `cleaned_data` holds the first day of it."""

    default_error_messages = {
        "invalid": _("Enter a month, for example 2026年5月, 5月 or 2026-05."),
    }

    def __init__(self, **kwargs):
        # No max_length: its validator would run on the parsed date, not on the text.
        kwargs.setdefault(
            "widget",
            # No numeric keyboard: 年 and 月 are typed with the Chinese input method.
            forms.TextInput(attrs={"placeholder": "2026年5月", "size": 10, "maxlength": 20}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class FilterFormMixin:
    """Shared by the public filter forms: compound choices by slug, errors tied to their fields."""

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the message when the field with the bad value is focused.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_errors"

    def set_compound_choices(self, compounds):
        self.fields["compound"].choices = [("", _("All compounds"))] + [
            (compound.slug, compound.name) for compound in compounds
        ]


class NoticeFilterForm(FilterFormMixin, forms.Form):
    SHOW_CURRENT = "current"
    SHOW_ALL = "all"
    SHOW_EXPIRED = "expired"

    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no such category; choose one from the list.")
        },
    )
    compound = forms.ChoiceField(
        label=_("Compound"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no such compound; choose one from the list.")
        },
    )
    month = MonthField(label=_("Month (e.g. 2026年5月)"), required=False)
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (SHOW_CURRENT, _("Current notices")),
            (SHOW_ALL, _("All notices, including expired")),
            (SHOW_EXPIRED, _("Expired notices only")),
        ],
        error_messages={"invalid_choice": _("Choose current, all or expired notices.")},
    )

    def __init__(self, *args, categories=(), compounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + list(categories)
        self.set_compound_choices(compounds)

    def valid_filters(self):
        """The values that passed validation; a bad field is dropped, the others still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "category": data.get("category") or "",
            "compound": data.get("compound") or "",
            "month": data.get("month"),
            "show": data.get("show") or self.SHOW_CURRENT,
        }


class FollowUpFilterForm(FilterFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": _("There is no such status; choose one from the list.")},
    )
    compound = forms.ChoiceField(
        label=_("Compound"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no such compound; choose one from the list.")
        },
    )

    def __init__(self, *args, statuses=(), compounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses"))] + list(statuses)
        self.set_compound_choices(compounds)

    def valid_filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"status": data.get("status") or "", "compound": data.get("compound") or ""}
