"""Places at volunteer events and the waiting list. Personal data: service-station staff only.

A sign-up always belongs to the event in the default locale, so that the English and
Chinese pages of one event share a single list of places. Whoever moves up from the
waiting list is told by a background task, enqueued once the change is committed.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from home.masking import mask_name, mask_phone

from .. import tasks
from .choices import default_locale_events, new_token


def notify_after_commit(promoted):
    """Queue one promotion notice per person, sent by the worker once the places are saved."""
    for person in promoted:
        transaction.on_commit(lambda pk=person.pk: tasks.notify_promoted.enqueue(pk))


def send_link_after_commit(signup):
    """Queue the message with the sign-up's link (SMS, and e-mail if given) once it is saved.

    The status page shows the link once; this is the copy the volunteer keeps.
    """
    transaction.on_commit(lambda pk=signup.pk: tasks.send_signup_link.enqueue(pk))


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
        "services.VolunteerEventPage",
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
        people, never the same one twice. Returns the promoted sign-ups; their notices are
        queued once the transaction commits.
        """
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
            notify_after_commit(promoted)
        return promoted
