"""Public forms of the volunteer team: join the team, sign up for an event, filter events.

Every public form has a honeypot field and a per-address rate limit kept in the cache,
so that a script cannot fill the staff's queue with junk.
"""

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.models import Compound
from services.models.volunteering import (
    EventType,
    VolunteerApplication,
    mobile_validator,
    normalise_mobile,
)

HONEYPOT_FIELD = "website"


class RateLimit:
    """At most `limit` submissions per `window` seconds from one client address."""

    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def key(self, request):
        return f"ratelimit:{self.scope}:{request.META.get('REMOTE_ADDR', 'unknown')}"

    def allow(self, request):
        """Count this attempt; False once the client has used up its allowance."""
        key = self.key(request)
        cache.add(key, 0, self.window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window)
            count = 1
        return count <= self.limit


join_rate_limit = RateLimit("volunteer-join", limit=5, window=60 * 60)
signup_rate_limit = RateLimit("volunteer-signup", limit=10, window=10 * 60)
RATE_LIMITED_MESSAGE = _(
    "Too many forms were sent from your connection. Please wait a while and try again, "
    "or call the service hotline."
)


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


class MobileField(forms.CharField):
    default_validators = [mobile_validator]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_mobile(super().to_python(value))


class VolunteerApplicationForm(HoneypotForm, forms.ModelForm):
    mobile = MobileField()
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
    mobile = MobileField()
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We write to you if you move up from the waiting list."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organisers keep my name and mobile number for this event."),
        required=True,
        error_messages={"required": _("Please agree, or we cannot keep your place.")},
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
