"""The compound-steward volunteer team (小区管家志愿服务队): its pages, members and events.

Personal data (names, mobiles, e-mails of applicants and sign-ups) lives in plain models
that only the service-station staff can reach in the admin; the pages hold only what the
public may read. A sign-up always belongs to the event in the default locale, so that
the English and Chinese pages of one event share a single list of places.
"""

import datetime
import re
import secrets
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail.signals import page_published

from home.masking import mask_name, mask_phone

MOBILE_PATTERN = r"^1[3-9]\d{9}$"
mobile_validator = RegexValidator(
    MOBILE_PATTERN, _("Enter an 11-digit mainland mobile number, e.g. 13812345678.")
)


def normalise_mobile(value):
    """Strip spaces, dashes and a +86/0086 prefix so that '138 1234-5678' is accepted."""
    digits = re.sub(r"[\s\-()]", "", value or "")
    return re.sub(r"^(\+86|0086)", "", digits)


def new_token():
    return secrets.token_urlsafe(24)


def default_locale_events():
    """Sign-ups and reports attach to the default-locale event (see module docstring)."""
    return Q(locale=Locale.get_default())


class EventType(models.TextChoices):
    CULTURAL_OUTREACH = "cultural", _("Cultural outreach")
    SAFETY_INSPECTION = "safety", _("Safety inspection")
    HEALTH_CHECK = "health", _("Health check-up")
    HOLIDAY_VISIT = "holiday", _("Holiday visit")


class VolunteerTeamPage(RoutablePageMixin, Page):
    """The team's own page: what it does, who may join, the join form and live totals."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    activities = RichTextField(
        _("what the team does"), blank=True, features=["bold", "italic", "link", "ul", "h3"]
    )
    joining = RichTextField(
        _("who can join"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Serving officials, retirees, students, party members: anyone may join."),
    )
    join_intro = models.CharField(_("text above the join form"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("activities"),
        FieldPanel("joining"),
        FieldPanel("join_intro"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("activities"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.VolunteerEventIndexPage"]
    max_count_per_parent = 1
    template = "services/volunteering/team_page.html"

    class Meta:
        verbose_name = _("volunteer team page")

    @path("")
    def team(self, request):
        from services.views_volunteering import team_page

        return team_page(request, self)

    @path("join/thanks/", name="join_thanks")
    def join_thanks(self, request):
        from services.views_volunteering import join_thanks

        return join_thanks(request, self)

    def event_index(self):
        return VolunteerEventIndexPage.objects.child_of(self).live().first()

    @staticmethod
    def totals():
        """Team figures computed from records, never typed in: two queries."""
        reports = VolunteerEventReport.objects.aggregate(
            services=Sum("services_delivered"), people=Sum("people_helped"), events=Count("pk")
        )
        return {
            "volunteers": VolunteerApplication.objects.filter(
                status=VolunteerApplication.Status.APPROVED
            ).count(),
            "services": reports["services"] or 0,
            "people_helped": reports["people"] or 0,
            "events_reported": reports["events"],
        }


class VolunteerEventIndexPage(RoutablePageMixin, Page):
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
        from services.views_volunteering import event_index

        return event_index(request, self)

    def events(self):
        return (
            VolunteerEventPage.objects.live()
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


class VolunteerEventPage(RoutablePageMixin, Page):
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
        from services.views_volunteering import event_detail

        return event_detail(request, self)

    # -- state ---------------------------------------------------------------------------

    def get_ics_url(self):
        from django.urls import reverse

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
        from services.notify_volunteering import notify_promoted

        with transaction.atomic():
            promoted = self._lock().fill_open_places()
            for person in promoted:
                transaction.on_commit(lambda person=person: notify_promoted(person))
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


class SignupError(Exception):
    """A sign-up that cannot be taken; the message is shown to the visitor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SignupQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=VolunteerSignup.Status.CANCELLED)


class VolunteerSignup(models.Model):
    """One person's place (or place in the queue) at one event. Personal data: staff only."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        VolunteerEventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="signups",
        limit_choices_to=default_locale_events,
    )
    name = models.CharField(_("name"), max_length=50)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    attended = models.BooleanField(
        _("attended"), null=True, blank=True, help_text=_("Recorded by staff after the event.")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    anonymised = models.BooleanField(_("personal data removed"), default=False, editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        editable=False,
        help_text=_("The site language used to sign up; messages are sent in it."),
    )

    objects = SignupQuerySet.as_manager()
    # Never listed in an event page's "usage" tab, which page editors can open.
    wagtail_reference_index_ignore = True

    panels = [
        FieldPanel("event", read_only=True),
        FieldRowPanel([FieldPanel("name"), FieldPanel("mobile"), FieldPanel("email")]),
        FieldPanel("status", read_only=True),
        FieldPanel("attended"),
    ]

    class Meta:
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"], name="volunteer_signup_status")]
        constraints = [
            # The same mobile cannot hold two live places at one event, even under a race.
            models.UniqueConstraint(
                fields=["event", "mobile"],
                condition=~Q(status="cancelled") & ~Q(mobile=""),
                name="unique_active_signup_per_mobile",
            )
        ]

    def __str__(self):
        return f"{mask_name(self.name)} · {self.event_id}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("services:volunteer_signup", args=[self.token])

    def cancel_url(self):
        """Absolute address of this sign-up's status and cancel page, for messages."""
        site = self.event.get_site()
        base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
        return base + self.get_absolute_url()

    @property
    def masked_mobile(self):
        return mask_phone(self.mobile)

    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def attended_label(self):
        return {True: _("Yes"), False: _("No")}.get(self.attended, _("Not recorded"))

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def cancel(self):
        """Cancel this sign-up; a freed place goes to the longest-waiting person.

        The event row is locked first, so two cancellations at once promote two different
        people, never the same one twice. Returns the promoted sign-ups; they are told
        once the transaction commits.
        """
        from services.notify_volunteering import notify_promoted

        with transaction.atomic():
            event = self.event._lock()
            signup = VolunteerSignup.objects.select_for_update().get(pk=self.pk)
            if signup.status == self.Status.CANCELLED:
                return []
            signup.status = self.Status.CANCELLED
            signup.cancelled_at = timezone.now()
            signup.save(update_fields=["status", "cancelled_at"])
            self.status, self.cancelled_at = signup.status, signup.cancelled_at
            promoted = event.fill_open_places() if event.ends_at > timezone.now() else []
            for person in promoted:
                transaction.on_commit(lambda person=person: notify_promoted(person))
        return promoted


class VolunteerApplication(models.Model):
    """Someone asking to join the team; staff approve or decline. Personal data: staff only."""

    class Category(models.TextChoices):
        OFFICIAL = "official", _("Serving official")
        RETIREE = "retiree", _("Retiree")
        STUDENT = "student", _("Student")
        PARTY_MEMBER = "party_member", _("Party member")
        RESIDENT = "resident", _("Other resident")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Left the team")

    name = models.CharField(_("name"), max_length=50)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    category = models.CharField(_("I am a"), max_length=20, choices=Category.choices)
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    skills = models.TextField(
        _("skills"), blank=True, help_text=_("E.g. medicine, electrics, singing, calligraphy.")
    )
    availability = models.CharField(
        _("availability"), max_length=200, blank=True, help_text=_("E.g. weekend mornings.")
    )
    consent = models.BooleanField(_("consent to data use"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    anonymised = models.BooleanField(_("personal data removed"), default=False, editable=False)

    wagtail_reference_index_ignore = True

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("mobile")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("compound")]),
        FieldPanel("skills"),
        FieldPanel("availability"),
        FieldPanel("consent", read_only=True),
        FieldPanel("status"),
        FieldPanel("staff_note"),
    ]

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"], name="volunteer_application_status")]

    def __str__(self):
        return f"{mask_name(self.name)} ({self.get_category_display()})"

    def save(self, *args, **kwargs):
        if self.status != self.Status.PENDING and self.reviewed_at is None:
            self.reviewed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def masked_mobile(self):
        return mask_phone(self.mobile)

    @property
    def masked_name(self):
        return mask_name(self.name)


class VolunteerEventReport(ClusterableModel):
    """What an event achieved, recorded by staff; the team's totals are summed from these."""

    event = models.OneToOneField(
        VolunteerEventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="report",
        limit_choices_to=default_locale_events,
    )
    services_delivered = models.PositiveIntegerField(
        _("services delivered"),
        help_text=_("Individual services given, e.g. blood-pressure checks or repairs."),
    )
    people_helped = models.PositiveIntegerField(_("people helped"))
    summary = models.TextField(_("report"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("services_delivered"), FieldPanel("people_helped")]),
        FieldPanel("summary"),
        InlinePanel("photos", heading=_("Photos"), label=_("photo")),
    ]

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        ordering = ["-event__starts_at"]

    def __str__(self):
        return str(self.event)

    def attendance(self):
        return self.event.signups.filter(attended=True).count()


class VolunteerReportPhoto(Orderable):
    report = ParentalKey(VolunteerEventReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


def promote_after_publish(sender, instance, **kwargs):
    """Publishing more places moves people up from the waiting list straight away."""
    if instance.locale_id == Locale.get_default().pk and not instance.is_past:
        instance.promote_waiting()


page_published.connect(promote_after_publish, sender=VolunteerEventPage)


def purge_volunteer_personal_data(days):
    """Remove personal data that is no longer needed; returns counts of rows cleared.

    - Sign-ups of events that ended more than `days` ago lose name, mobile and e-mail
      (status and attendance stay, so the records still add up).
    - Applications declined or withdrawn more than `days` ago, and pending ones never
      reviewed for that long, are cleared likewise; approved volunteers are kept while
      they are on the team.
    """
    cutoff = timezone.now() - datetime.timedelta(days=days)
    blank = {"name": "", "mobile": "", "email": "", "anonymised": True}
    signups = VolunteerSignup.objects.filter(event__ends_at__lt=cutoff, anonymised=False).update(
        **blank
    )
    stale = Q(
        status__in=[VolunteerApplication.Status.DECLINED, VolunteerApplication.Status.WITHDRAWN]
    )
    stale &= Q(reviewed_at__lt=cutoff) | Q(reviewed_at__isnull=True, created_at__lt=cutoff)
    stale |= Q(status=VolunteerApplication.Status.PENDING, created_at__lt=cutoff)
    applications = VolunteerApplication.objects.filter(stale, anonymised=False).update(
        name="", mobile="", skills="", availability="", staff_note="", anonymised=True
    )
    return {"volunteer_signups": signups, "volunteer_applications": applications}


__all__ = [
    "EventType",
    "SignupError",
    "VolunteerApplication",
    "VolunteerEventIndexPage",
    "VolunteerEventPage",
    "VolunteerEventReport",
    "VolunteerReportPhoto",
    "VolunteerSignup",
    "VolunteerTeamPage",
    "mobile_validator",
    "normalise_mobile",
    "purge_volunteer_personal_data",
]
