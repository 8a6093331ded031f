"""The three steps of the booking form, the status look-up and the staff forms.

Every message is a plain sentence that tells the resident what to do next.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from home.digits import DigitsField
from home.models import Compound
from home.params import IdChoiceField
from home.phone import MobileNumberField
from home.references import normalise_reference
from home.visibility import public_page_q

from .models import (
    AccessibilityNeed,
    Mode,
    PriorityGroup,
    ServiceOfferingPage,
    Status,
    localized_offerings,
    localized_stations,
)
from .station_access import assignable_staff


class PublicForm(forms.Form):
    """Residents' forms: labels are questions or nouns, so no trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class OfferingChoiceField(IdChoiceField):
    def __init__(self, *args, labels=None, **kwargs):
        self.labels = labels or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk, obj.title)


class ServiceModeForm(PublicForm):
    """Step 1: the resident's compound (to offer its station first), the service, and where."""

    compound = forms.ModelChoiceField(
        label=_("Your compound (optional)"),
        queryset=Compound.objects.none(),
        required=False,
        empty_label=_("Not in a compound, or not sure"),
        help_text=_("We show the times of the station that serves it first."),
        error_messages={"invalid_choice": _("Please choose one of the compounds listed.")},
    )
    offering = OfferingChoiceField(
        label=_("Service"),
        queryset=ServiceOfferingPage.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Please choose a service."),
            "invalid_choice": _("Please choose one of the services listed."),
        },
    )
    mode = forms.ChoiceField(
        label=_("Where"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose whether you come to the station or need a home visit."),
            "invalid_choice": _("Please choose one of the ways listed."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compound"].queryset = Compound.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("name")
        queryset = (
            ServiceOfferingPage.objects.live()
            .filter(public_page_q())
            .filter(locale__language_code=settings.LANGUAGE_CODE, stations__is_active=True)
            .distinct()
            .order_by("path")
        )
        offerings = list(queryset)
        labels = {
            o.pk: t.title for o, t in zip(offerings, localized_offerings(offerings), strict=True)
        }
        field = self.fields["offering"]
        field.queryset = queryset
        field.labels = labels
        self.offerings = offerings

    def clean(self):
        cleaned = super().clean()
        offering, mode = cleaned.get("offering"), cleaned.get("mode")
        if offering and mode and mode not in offering.allowed_modes:
            self.add_error(
                "mode",
                _("%(service)s is not offered as “%(mode)s”. Please choose the other way.")
                % {
                    "service": self.fields["offering"].label_from_instance(offering),
                    "mode": Mode(mode).label,
                },
            )
        return cleaned


class SlotForm(PublicForm):
    """Step 2: one of the slots with room left."""

    slot = forms.TypedChoiceField(
        label=_("Date and time"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a date and time."),
            "invalid_choice": _("That time is no longer available. Please choose another one."),
        },
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {slot.pk: slot for slot in slots}
        stations = {slot.station_id: slot.station for slot in slots}
        # Slots belong to default-language stations; residents read the station's name in
        # their own language where it has been translated.
        names = {
            pk: station.name
            for pk, station in zip(stations, localized_stations(stations.values()), strict=True)
        }
        self.fields["slot"].choices = [
            (slot.pk, slot_label(slot, names[slot.station_id])) for slot in slots
        ]

    def clean_slot(self):
        return self.slots[self.cleaned_data["slot"]]


def slot_label(slot, station_name):
    return _("%(day)s %(start)s–%(end)s at %(station)s, %(left)s place(s) left") % {
        "day": formats.date_format(slot.date, "MONTH_DAY_FORMAT")
        + " "
        + formats.date_format(slot.date, "l"),
        "start": slot.start_time.strftime("%H:%M"),
        "end": slot.end_time.strftime("%H:%M"),
        "station": station_name,
        "left": slot.places_left,
    }


class ContactForm(PublicForm):
    """Step 3: who books, for whom, where, and what help they need."""

    FOR_SELF, FOR_OTHER = "self", "other"

    requester_name = forms.CharField(
        label=_("Your name"),
        max_length=50,
        error_messages={
            "required": _("Please enter your name."),
            "max_length": _("Please shorten the name to at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    requester_phone = MobileNumberField(
        label=_("Your mobile number"),
        help_text=_("We send the confirmation to this number. 11 digits, for example 13812345678."),
        error_messages={"required": _("Please enter your mobile number.")},
    )
    booking_for = forms.ChoiceField(
        label=_("Who is the appointment for?"),
        choices=[(FOR_SELF, _("For me")), (FOR_OTHER, _("For someone else, such as a parent"))],
        widget=forms.RadioSelect,
        initial=FOR_SELF,
        error_messages={
            "required": _("Please say who the appointment is for."),
            "invalid_choice": _("Please choose one of the options listed."),
        },
    )
    beneficiary_name = forms.CharField(
        label=_("Name of the person to be served"),
        max_length=50,
        required=False,
        error_messages={
            "max_length": _("Please shorten the name to at most %(limit_value)d characters.")
        },
    )
    beneficiary_phone = MobileNumberField(
        label=_("Their mobile number (optional)"),
        required=False,
    )
    relationship = forms.CharField(
        label=_("Your relationship to them (optional)"),
        max_length=30,
        required=False,
        help_text=_("For example: son, daughter, neighbour."),
    )
    compound = IdChoiceField(
        label=_("Compound"),
        queryset=Compound.objects.none(),
        required=False,
        empty_label=_("Choose the compound"),
        error_messages={"invalid_choice": _("Please choose one of the compounds listed.")},
    )
    building = forms.CharField(label=_("Building"), max_length=20, required=False)
    unit = forms.CharField(label=_("Unit (if any)"), max_length=20, required=False)
    room = forms.CharField(label=_("Room"), max_length=20, required=False)
    priority_group = forms.ChoiceField(
        label=_("Does the person belong to a priority group?"),
        choices=PriorityGroup.choices,
        widget=forms.RadioSelect,
        initial=PriorityGroup.NONE,
        help_text=_("Priority groups are served first and can ask for off-hours or home visits."),
        error_messages={
            "required": _("Please choose a priority group, or “None of these”."),
            "invalid_choice": _("Please choose one of the options listed."),
        },
    )
    accessibility_needs = forms.MultipleChoiceField(
        label=_("Help we should prepare (optional)"),
        choices=AccessibilityNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Please tick only the options listed.")},
    )
    accessibility_notes = forms.CharField(
        label=_("Anything else we should know (optional)"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Please keep this to at most %(limit_value)d characters.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the service station uses these details to handle this appointment."),
        error_messages={
            "required": _("Please tick the box to agree to the privacy notice, or we cannot book.")
        },
    )
    # Honeypot: hidden from people (and screen readers); bots fill every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, mode=Mode.STATION, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        self.fields["compound"].queryset = Compound.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("name")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if mode == Mode.HOME_VISIT:
            for name in ("compound", "building", "room"):
                self.fields[name].required = True
        self.fields["compound"].error_messages["required"] = _(
            "Please choose the compound for the home visit."
        )
        self.fields["building"].error_messages["required"] = _("Please enter the building number.")
        self.fields["room"].error_messages["required"] = _("Please enter the room number.")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("Your request could not be sent. Please call the service station.")
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("booking_for") == self.FOR_OTHER:
            if not cleaned.get("beneficiary_name"):
                self.add_error(
                    "beneficiary_name", _("Please enter the name of the person to be served.")
                )
        else:
            # Booking for oneself: nothing about a second person is kept.
            for name in ("beneficiary_name", "beneficiary_phone", "relationship"):
                cleaned[name] = ""
        if self.mode != Mode.HOME_VISIT:
            for name in ("building", "unit", "room"):
                cleaned[name] = ""
            cleaned["compound"] = None
        return cleaned

    @property
    def for_someone_else(self):
        return self.cleaned_data.get("booking_for") == self.FOR_OTHER


class StatusLookupForm(PublicForm):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=20,
        help_text=_("The 8 letters and digits on your confirmation, for example K7QM-3XPD."),
        error_messages={"required": _("Please enter your reference.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone_last_four = DigitsField(
        length=4,
        label=_("Last four digits of the mobile number"),
        error_messages={
            "required": _("Please enter the last four digits of the mobile number."),
            "invalid": _("Please enter exactly four digits."),
        },
    )

    def clean_reference(self):
        reference = normalise_reference(self.cleaned_data["reference"])
        if len(reference) != 8:
            raise forms.ValidationError(_("A reference has 8 letters and digits; please check it."))
        return reference


class StatusChangeForm(forms.Form):
    """Staff: move a request on (confirm, assign, done, cancel, no-show)."""

    status = forms.ChoiceField(label=_("New status"))
    assigned_to = IdChoiceField(
        label=_("Assign to staff member"), queryset=get_user_model().objects.none(), required=False
    )
    assigned_volunteer = forms.CharField(
        label=_("or to volunteer"),
        max_length=50,
        required=False,
        help_text=_("The volunteer's name."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, appointment, **kwargs):
        super().__init__(*args, **kwargs)
        self.appointment = appointment
        self.fields["status"].choices = [
            (s, Status(s).label) for s in appointment.allowed_transitions()
        ]
        self.fields["assigned_to"].queryset = assignable_staff(appointment.station)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.ASSIGNED and not (
            cleaned.get("assigned_to") or cleaned.get("assigned_volunteer")
        ):
            self.add_error(
                "assigned_to", _("Choose a staff member or enter a volunteer to assign.")
            )
        return cleaned
