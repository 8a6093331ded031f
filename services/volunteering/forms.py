"""Public forms of the volunteer team: join the team, sign up for an event, filter events.

Every public form has a honeypot field and a per-address rate limit (the site's one
limiter, `home.ratelimit`), so that a script cannot fill the staff's queue with junk.

Only the models this module needs are imported, from their own modules: the page models
import this one to serve their forms.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home import idempotency, ratelimit
from home.models import Compound
from home.params import IdChoiceField
from home.phone import MobileNumberField

from .models.applications import VolunteerApplication
from .models.choices import EventType

HONEYPOT_FIELD = "website"


RATE_LIMITED_MESSAGE = _(
    "Too many forms were sent from your connection. Please wait a while and try again, "
    "or call the service hotline."
)


def earlier_submission(request, scope):
    """What an earlier submission of this POST's one-time token created, or None."""
    token = idempotency.submitted_token(request)
    return idempotency.previous_result(scope, token) if token else None


def refuse_if_limited(form, scope, request):
    """Count this submission; once over the limit, bind the form and refuse it.

    The visitor's input stays in the form, with the reason on top. Returns True if refused.
    """
    if not ratelimit.hit(scope, ratelimit.client_ip(request)):
        return False
    form.is_valid()
    form.add_error(None, RATE_LIMITED_MESSAGE)
    return True


class HoneypotForm(forms.Form):
    """Adds a field people never see (hidden by CSS and from screen readers); bots fill it."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("This form could not be accepted."))
        return ""


class VolunteerApplicationForm(HoneypotForm, forms.ModelForm):
    mobile = MobileNumberField()
    consent = forms.BooleanField(
        label=_(
            "I agree that the community keeps my name and mobile number to organise "
            "volunteering, and that only service-station staff can see them."
        ),
        required=True,
        error_messages={"required": _("Please agree, or we cannot contact you.")},
    )

    class Meta:
        model = VolunteerApplication
        fields = ["name", "mobile", "category", "compound", "skills", "availability", "consent"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "category": forms.RadioSelect,
            "skills": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name": _("Your name")}
        field_classes = {"compound": IdChoiceField}

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        locale = locale or Locale.get_default()
        self.fields["compound"].queryset = Compound.objects.filter(locale=locale).order_by("name")
        self.fields["compound"].empty_label = _("Not in a compound / other")
        self.fields["category"].choices = VolunteerApplication.Category.choices
        self.fields["name"].label = _("Your name")


class EventSignupForm(HoneypotForm):
    name = forms.CharField(
        label=_("Your name"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    # Say what the code does: the link goes out by SMS always, by e-mail too when given.
    mobile = MobileNumberField(
        help_text=_(
            "We text you the link to check or cancel your sign-up, and tell you by text "
            "if you move up from the waiting list."
        )
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("If you give one, we send the same messages by e-mail as well."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organisers keep my name and mobile number for this event."),
        required=True,
        error_messages={"required": _("Please agree, or we cannot keep your place.")},
    )


class FindSignupForm(HoneypotForm):
    """A volunteer who lost their link asks for it again; it is only ever sent by SMS."""

    mobile = MobileNumberField(
        help_text=_("The mobile number you signed up with. We text the link to that number.")
    )


class EventFilterForm(forms.Form):
    """Filters of the event index; unknown values are reported, never raised."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    compound = forms.ChoiceField(label=_("Compound"), required=False)

    def __init__(self, data, compounds):
        super().__init__(data)
        self.fields["type"].choices = [("", _("All types"))] + list(EventType.choices)
        self.fields["compound"].choices = [("", _("All compounds"))] + [
            (compound.slug, compound.name) for compound in compounds
        ]

    def filters(self):
        """Valid filters as queryset lookups; invalid ones are dropped (see `errors`)."""
        self.is_valid()
        cleaned = {name: self.cleaned_data.get(name) for name in self.fields}
        lookups = {}
        if cleaned.get("type"):
            lookups["event_type"] = cleaned["type"]
        if cleaned.get("compound"):
            lookups["compound__slug"] = cleaned["compound"]
        return lookups
