"""The residents' forms: the three report steps, the status look-up, updates and the survey.

Choices are plain lists built from the database before the form sees any input, so a
hand-edited value (a huge number, text, an unknown id) is only ever compared with them: it
never reaches a query. Every message says what to do next.
"""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from home.models import Compound
from home.phone import MobileNumberField
from home.photos import PhotosField
from home.references import normalise_reference

from .models import CaseCategory
from .naming import translated_names

FORM_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
TOO_LONG = _("Please keep this to at most %(limit_value)d characters (it has %(show_value)d).")


def _default_locale_id():
    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True)


def category_choices():
    categories = CaseCategory.objects.filter(
        active=True, locale_id__in=_default_locale_id()
    ).order_by("sort_order", "pk")
    names = translated_names(categories)
    return [(str(pk), name) for pk, name in names.items()]


def compound_choices():
    compounds = Compound.objects.filter(locale_id__in=_default_locale_id()).order_by("name")
    names = translated_names(compounds)
    return [(str(pk), name) for pk, name in names.items()]


def plain_text(value):
    """Text as typed, NFC-normalised and trimmed; control characters other than line breaks
    (a pasted NUL, a bell) are refused by the field, not silently dropped."""
    return unicodedata.normalize("NFC", value or "").strip()


class PublicForm(forms.Form):
    """Residents' forms: labels are questions or nouns, so no trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class TextField(forms.CharField):
    """A CharField with the site's words for a value that is too long."""

    def __init__(self, **kwargs):
        messages = {"max_length": TOO_LONG, **kwargs.pop("error_messages", {})}
        super().__init__(error_messages=messages, **kwargs)

    def to_python(self, value):
        return plain_text(super().to_python(value))


class StartForm(PublicForm):
    """Step 1: what kind of problem, and in which compound."""

    category = forms.TypedChoiceField(
        label=_("What is the problem about?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what the problem is about."),
            "invalid_choice": _("Please choose one of the kinds of problem listed."),
        },
    )
    compound = forms.TypedChoiceField(
        label=_("Which compound?"),
        coerce=int,
        error_messages={
            "required": _("Please choose your compound."),
            "invalid_choice": _("Please choose one of the compounds listed."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["compound"].choices = [("", _("Choose the compound"))] + compound_choices()


class DetailsForm(PublicForm):
    """Step 3: what happened, where, photos, who reports, and whether to call back."""

    FOR_SELF, FOR_OTHER = "self", "other"
    YES, NO = "yes", "no"

    description = TextField(
        label=_("What happened?"),
        max_length=2000,
        help_text=_("Say what you saw or heard, since when, and how it affects you."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please describe the problem.")},
    )
    location = TextField(
        label=_("Where exactly?"),
        max_length=200,
        help_text=_("For example: the lift of building 3, the gate on Guihua Street."),
        error_messages={"required": _("Please say where the problem is.")},
    )
    building = TextField(
        label=_("Building and unit (optional)"),
        max_length=30,
        required=False,
        help_text=_("Only if the problem concerns one building or unit."),
    )
    photos = PhotosField(
        label=_("Photos (optional)"),
        help_text=_(
            "Up to 3 photos, JPEG, PNG or HEIC, at most 8 MB each. We remove the location and "
            "camera data before saving them, and they are never published."
        ),
    )
    reporter_name = TextField(
        label=_("Your name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please enter your name.")},
    )
    reporter_mobile = MobileNumberField(
        label=_("Your mobile number"),
        help_text=_(
            "We text you the reference and each change of status. 11 digits, for example "
            "13812345678. Never published."
        ),
        error_messages={"required": _("Please enter your mobile number.")},
    )
    reporting_for = forms.ChoiceField(
        label=_("Who is affected?"),
        choices=[(FOR_SELF, _("Me")), (FOR_OTHER, _("Someone else, such as a parent"))],
        widget=forms.RadioSelect,
        initial=FOR_SELF,
        error_messages={
            "required": _("Please say who is affected."),
            "invalid_choice": _("Please choose one of the options listed."),
        },
    )
    relation = TextField(
        label=_("Your relationship to them (optional)"),
        max_length=30,
        required=False,
        help_text=_("For example: son, daughter, neighbour."),
    )
    wants_contact = forms.ChoiceField(
        label=_("Shall the staff call you about it?"),
        choices=[(YES, _("Yes, please call me")), (NO, _("No, text messages are enough"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please say whether you want a call."),
            "invalid_choice": _("Please choose one of the options listed."),
        },
    )
    form_token = forms.RegexField(regex=FORM_TOKEN_RE, widget=forms.HiddenInput, max_length=64)
    # Honeypot: hidden from people (and screen readers); bots fill every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        expired = _("This form has expired. Please check your answers and send it again.")
        self.fields["form_token"].error_messages.update(required=expired, invalid=expired)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Said at the top, not next to a field the resident never saw.
            raise forms.ValidationError(
                _("Your report could not be sent. Please call the community office."),
                code="honeypot",
            )
        if cleaned.get("reporting_for") != self.FOR_OTHER:
            cleaned["relation"] = ""
        return cleaned

    @property
    def for_someone_else(self):
        return self.cleaned_data.get("reporting_for") == self.FOR_OTHER

    @property
    def contact_wanted(self):
        return self.cleaned_data.get("wants_contact") == self.YES


class StatusLookupForm(PublicForm):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=20,
        help_text=_("The 8 letters and digits we gave you, for example K7QM-3XPD."),
        error_messages={
            "required": pgettext_lazy("resident report", "Please enter your reference.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    mobile_last_four = forms.CharField(
        label=_("Last four digits of your mobile number"),
        max_length=8,
        error_messages={"required": _("Please enter the last four digits of your mobile number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_reference(self):
        reference = normalise_reference(
            unicodedata.normalize("NFKC", self.cleaned_data["reference"])
        )
        if len(reference) != 8 or not reference.isascii():
            raise forms.ValidationError(
                pgettext_lazy(
                    "resident report", "A reference has 8 letters and digits; please check it."
                )
            )
        return reference

    def clean_mobile_last_four(self):
        # Full-width digits from a Chinese input method are the same digits.
        digits = unicodedata.normalize("NFKC", self.cleaned_data["mobile_last_four"]).strip()
        if len(digits) != 4 or not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(_("Please enter exactly four digits."))
        return digits


class ResidentUpdateForm(PublicForm):
    note = TextField(
        label=_("Add something to your report"),
        max_length=1000,
        help_text=_("It reaches whoever handles your report now. It is not published."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write what you want to add.")},
    )


class SupportForm(PublicForm):
    """ "Me too" on an open report: the case's public number, nothing personal."""

    case = forms.CharField(max_length=20)


class SurveyForm(PublicForm):
    YES, NO = "yes", "no"

    fixed = forms.ChoiceField(
        label=_("Is the problem really fixed?"),
        choices=[(YES, _("Yes, it is fixed")), (NO, _("No, it is not fixed"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please say whether the problem is fixed."),
            "invalid_choice": _("Please choose one of the options listed."),
        },
    )
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how it was handled?"),
        coerce=int,
        choices=[
            ("5", _("5 – very satisfied")),
            ("4", _("4 – satisfied")),
            ("3", _("3 – neither")),
            ("2", _("2 – dissatisfied")),
            ("1", _("1 – very dissatisfied")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a score from 1 to 5."),
            "invalid_choice": _("Please choose a score from 1 to 5."),
        },
    )
    comment = TextField(
        label=_("Anything you want to tell us (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
