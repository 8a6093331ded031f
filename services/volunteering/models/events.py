"""Volunteer events and their index: listing, sign-up form, places and the waiting list.

A sign-up always belongs to the event in the default locale (see `signups`); the pages
hold only what the public may read.
"""

import datetime
from itertools import groupby

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.signals import page_published

from home import idempotency
from home.generation import derived
from home.models import Compound
from home.pagination import paginate
from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q

# The module, not its names: `forms` imports the models package, so either may load first.
from .. import forms
from .choices import EventType
from .reports import VolunteerEventReport, VolunteerReportPhoto
from .signups import SignupError, VolunteerSignup, notify_after_commit, send_link_after_commit

SIGNUP_SCOPE = "volunteer-signup"


class VolunteerEventIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """Lists the team's events: upcoming first, then past ones grouped by month."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    past_per_page = 24

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["services.VolunteerTeamPage"]
    subpage_types = ["services.VolunteerEventPage"]
    max_count_per_parent = 1
    template = "services/volunteering/event_index_page.html"

    class Meta:
        verbose_name = _("volunteer event index")

    @path("")
    def listing(self, request):
        events = self.events()
        # The filter's choices: compounds with an event here (content: kept per generation).
        compounds = derived(
            f"volunteer-events:compounds:{self.pk}",
            lambda: list(
                Compound.objects.filter(pk__in=events.values("compound")).order_by("name")
            ),
            request,
        )
        filter_form = forms.EventFilterForm(request.GET, compounds)
        filtered = events.filter(**filter_form.filters())
        past = paginate(request, self.past_events(filtered), self.past_per_page)
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter_form": filter_form,
                "filters_ignored": bool(filter_form.errors),
                "upcoming": list(self.upcoming_events(filtered)),
                "past_page": past,
                "past_by_month": self.group_by_month(past.object_list),
                "query_string": query.urlencode(),
            },
        )

    def events(self):
        return (
            VolunteerEventPage.objects.live()
            .filter(public_page_q())
            .child_of(self)
            .select_related("compound")
            .order_by("starts_at", "pk")
        )

    def upcoming_events(self, events=None, limit=60):
        events = self.events() if events is None else events
        return events.filter(ends_at__gte=timezone.now())[:limit]

    def past_events(self, events=None):
        events = self.events() if events is None else events
        return events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    @staticmethod
    def group_by_month(events):
        """[(first day of month, [events])], in the order given; months in local time."""

        def month(event):
            start = timezone.localtime(event.starts_at)
            return datetime.date(start.year, start.month, 1)

        return [(key, list(group)) for key, group in groupby(events, key=month)]


class VolunteerEventPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """One volunteer event, with sign-up, waiting list and calendar download."""

    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_events",
    )
    meeting_point = models.CharField(
        _("meeting point"),
        max_length=200,
        help_text=_("Where volunteers gather, e.g. the party–masses service station."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("volunteer places"), default=20, validators=[MinValueValidator(1)]
    )
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=120)
    audience = models.CharField(
        _("who it serves"),
        max_length=200,
        blank=True,
        help_text=_("E.g. empty-nest elderly, left-behind children, families in hardship."),
    )
    body = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Time")),
        MultiFieldPanel([FieldPanel("compound"), FieldPanel("meeting_point")], heading=_("Place")),
        FieldPanel("capacity"),
        FieldPanel("audience"),
        FieldPanel("what_to_bring"),
        FieldPanel("organiser"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.SearchField("meeting_point"),
        index.FilterField("starts_at"),
        index.FilterField("event_type"),
    ]

    parent_page_types = ["services.VolunteerEventIndexPage"]
    subpage_types = []
    template = "services/volunteering/event_page.html"

    class Meta:
        verbose_name = _("volunteer event")
        verbose_name_plural = _("volunteer events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})

    @path("")
    def detail(self, request):
        form = forms.EventSignupForm()
        if request.method == "POST":
            earlier = forms.earlier_submission(request, SIGNUP_SCOPE)
            if earlier is not None:
                return redirect(earlier.get_absolute_url())
            form = forms.EventSignupForm(request.POST)
            if not forms.refuse_if_limited(form, "volunteer-signup", request) and form.is_valid():
                data = form.cleaned_data
                try:
                    signup, _created = idempotency.submit_once(
                        request,
                        SIGNUP_SCOPE,
                        lambda: self.sign_up(data["name"], data["mobile"], data["email"]),
                    )
                except SignupError as error:
                    form.add_error(None, error.message)
                else:
                    send_link_after_commit(signup)
                    return redirect(signup.get_absolute_url())
        return self.render(
            request,
            context_overrides={
                "form": form,
                "counts": self.signup_counts(),
                "report": self.report_or_none() if self.is_past else None,
            },
        )

    @path("my-signup/", name="find_signup")
    def find_signup(self, request):
        """Lost the link? It is sent again by SMS to the number that signed up."""
        from ..signup_links import find_signup

        return find_signup(self, request)

    # -- state ---------------------------------------------------------------------------

    def get_ics_url(self):
        return reverse("services:volunteer_event_ics", args=[self.pk])

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def signup_open(self):
        return self.live and self.starts_at > timezone.now()

    @property
    def location(self):
        return " · ".join(str(part) for part in (self.compound, self.meeting_point) if part)

    @cached_property
    def signup_event(self):
        """The event that holds the places: this page's default-locale version."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def signup_counts(self):
        """{'confirmed': n, 'waitlisted': m} in one query."""
        event = self.signup_event
        counts = event.signups.aggregate(
            confirmed=Count("pk", filter=Q(status=VolunteerSignup.Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=VolunteerSignup.Status.WAITLISTED)),
        )
        counts["free"] = max(event.capacity - counts["confirmed"], 0)
        return counts

    def report_or_none(self):
        photos = VolunteerReportPhoto.objects.select_related("image").prefetch_related(
            "image__renditions"
        )
        return (
            VolunteerEventReport.objects.filter(event=self.signup_event)
            .prefetch_related(models.Prefetch("photos", queryset=photos))
            .first()
        )

    # -- sign-up and promotion -------------------------------------------------------------

    def _lock(self):
        """Lock this event's row: every change to its places happens one at a time."""
        return VolunteerEventPage.objects.select_for_update(of=("self",)).get(pk=self.pk)

    def sign_up(self, name, mobile, email=""):
        """Take a place, or a place on the waiting list once the event is full."""
        event = self.signup_event
        if not event.signup_open:
            raise SignupError(_("Sign-up for this event has closed."))
        already = SignupError(_("This mobile number is already signed up for this event."))
        try:
            with transaction.atomic():
                event = event._lock()
                signups = VolunteerSignup.objects.filter(event=event)
                if signups.active().filter(mobile=mobile).exists():
                    raise already
                taken = signups.filter(status=VolunteerSignup.Status.CONFIRMED).count()
                return VolunteerSignup.objects.create(
                    event=event,
                    name=name,
                    mobile=mobile,
                    email=email,
                    language=translation.get_language() or "",
                    status=(
                        VolunteerSignup.Status.WAITLISTED
                        if taken >= event.capacity
                        else VolunteerSignup.Status.CONFIRMED
                    ),
                )
        except IntegrityError:  # the unique constraint caught a double submit (no row locks)
            raise already from None

    def promote_waiting(self):
        """Fill any free places from the waiting list now, e.g. after capacity was raised."""
        with transaction.atomic():
            promoted = self._lock().fill_open_places()
            notify_after_commit(promoted)
        return promoted

    def fill_open_places(self):
        """Promote the longest-waiting sign-ups into free places; call inside `_lock()`."""
        signups = VolunteerSignup.objects.filter(event=self)
        free = self.capacity - signups.filter(status=VolunteerSignup.Status.CONFIRMED).count()
        if free <= 0:
            return []
        waiting = list(
            signups.filter(status=VolunteerSignup.Status.WAITLISTED)
            .select_for_update()
            .order_by("created_at", "pk")[:free]
        )
        now = timezone.now()
        for signup in waiting:
            signup.status = VolunteerSignup.Status.CONFIRMED
            signup.promoted_at = now
            signup.save(update_fields=["status", "promoted_at"])
        return waiting


def promote_after_publish(sender, instance, **kwargs):
    """Publishing more places moves people up from the waiting list straight away.

    The publish only changes the records; the notices are queued for the worker.
    """
    if instance.locale_id == Locale.get_default().pk and not instance.is_past:
        instance.promote_waiting()


page_published.connect(promote_after_publish, sender=VolunteerEventPage)
