"""Appointment requests, their status history and the log of who saw personal data."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.masking import mask_phone
from home.references import display_reference, unused_reference
from home.retention import retention_days

from .choices import AccessibilityNeed, Mode, PriorityGroup
from .slots import Slot


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    ASSIGNED = "assigned", _("Assigned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


TRANSITIONS = {
    Status.SUBMITTED: (Status.CONFIRMED, Status.CANCELLED),
    Status.CONFIRMED: (Status.ASSIGNED, Status.DONE, Status.CANCELLED, Status.NO_SHOW),
    Status.ASSIGNED: (Status.DONE, Status.CANCELLED, Status.NO_SHOW),
}
OPEN_STATUSES = (Status.SUBMITTED, Status.CONFIRMED, Status.ASSIGNED)


class AppointmentQuerySet(models.QuerySet):
    def for_queue(self):
        return self.select_related("offering", "station", "slot", "compound", "assigned_to")

    def due_for_anonymising(self, days=None):
        days = retention_days() if days is None else days
        cutoff = timezone.localtime() - datetime.timedelta(days=days)
        return self.filter(anonymised_at__isnull=True).filter(
            models.Q(slot__date__lt=cutoff.date())
            | models.Q(slot__date=cutoff.date(), slot__end_time__lte=cutoff.time())
        )


class Appointment(models.Model):
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    offering = models.ForeignKey(
        "services.ServiceOfferingPage",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    station = models.ForeignKey(
        "services.ServiceStation",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="appointments"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )

    requester_name = models.CharField(_("requester's name"), max_length=50)
    requester_phone = models.CharField(_("requester's mobile number"), max_length=11)
    for_someone_else = models.BooleanField(_("booked for someone else"), default=False)
    beneficiary_name = models.CharField(_("name of the person served"), max_length=50, blank=True)
    beneficiary_phone = models.CharField(
        _("mobile number of the person served"), max_length=11, blank=True
    )
    relationship = models.CharField(_("relationship"), max_length=30, blank=True)
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    building = models.CharField(_("building"), max_length=20, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    room = models.CharField(_("room"), max_length=20, blank=True)
    priority_group = models.CharField(
        _("priority group"),
        max_length=20,
        choices=PriorityGroup.choices,
        default=PriorityGroup.NONE,
    )
    accessibility_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_notes = models.CharField(_("other needs"), max_length=200, blank=True)
    consent_given_at = models.DateTimeField(_("privacy consent given at"))
    language = models.CharField(_("language"), max_length=10, default="zh-hans")

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_appointments",
    )
    assigned_volunteer = models.CharField(_("assigned volunteer"), max_length=50, blank=True)

    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    notified_at = models.DateTimeField(
        _("notifications sent at"), null=True, blank=True, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = unused_reference(Appointment)
        super().save(*args, **kwargs)

    # Display helpers -----------------------------------------------------------------

    @property
    def masked_phone(self):
        return mask_phone(self.requester_phone)

    @property
    def display_reference(self):
        return display_reference(self.reference)

    @property
    def served_name(self):
        return self.beneficiary_name if self.for_someone_else else self.requester_name

    @property
    def address_line(self):
        if self.mode != Mode.HOME_VISIT or self.anonymised_at:
            return ""
        parts = [str(self.compound) if self.compound_id else ""]
        parts += [
            self.building and _("Building %s") % self.building,
            self.unit and _("Unit %s") % self.unit,
        ]
        parts += [self.room and _("Room %s") % self.room]
        return " ".join(str(p) for p in parts if p)

    def accessibility_labels(self):
        labels = dict(AccessibilityNeed.choices)
        return [labels[need] for need in self.accessibility_needs if need in labels]

    def allowed_transitions(self):
        return TRANSITIONS.get(self.status, ())

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def phone_matches(self, last_four):
        return bool(self.requester_phone) and secrets.compare_digest(
            self.requester_phone[-4:], last_four or ""
        )

    def can_be_cancelled_by_resident(self):
        return self.is_open and self.slot.ends_at > timezone.now()

    # Behaviour -----------------------------------------------------------------------

    def change_status(
        self,
        new_status,
        actor=None,
        note="",
        assigned_to=None,
        assigned_volunteer="",
        by_resident=False,
    ):
        """Move to `new_status` if allowed, free the place on cancellation, and log it."""
        if new_status not in self.allowed_transitions():
            raise ValidationError(
                _("An appointment that is %(old)s cannot become %(new)s.")
                % {"old": self.get_status_display(), "new": Status(new_status).label}
            )
        if new_status == Status.ASSIGNED and not (assigned_to or assigned_volunteer):
            raise ValidationError(_("Choose a staff member or enter a volunteer to assign."))
        with transaction.atomic():
            locked = Appointment.objects.select_for_update().get(pk=self.pk)
            if locked.status != self.status:
                raise ValidationError(
                    _("Someone else changed this request meanwhile; please reload.")
                )
            old_status = self.status
            self.status = new_status
            if new_status == Status.ASSIGNED:
                self.assigned_to = assigned_to
                self.assigned_volunteer = assigned_volunteer
            if new_status == Status.CANCELLED:
                Slot.release(self.slot_id)
            self.save(update_fields=["status", "assigned_to", "assigned_volunteer", "updated_at"])
            AppointmentEvent.objects.create(
                appointment=self,
                actor=actor,
                by_resident=by_resident,
                from_status=old_status,
                to_status=new_status,
                note=note,
            )

    def cancel_by_resident(self):
        if not self.can_be_cancelled_by_resident():
            raise ValidationError(_("This appointment can no longer be cancelled online."))
        self.change_status(Status.CANCELLED, by_resident=True)

    def anonymise(self):
        """Blank every field that identifies a person; the statistics stay."""
        self.requester_name = ""
        self.requester_phone = ""
        self.beneficiary_name = ""
        self.beneficiary_phone = ""
        self.relationship = ""
        self.building = ""
        self.unit = ""
        self.room = ""
        self.accessibility_notes = ""
        self.anonymised_at = timezone.now()
        self.save()
        self.events.exclude(note="").update(note="")


class AppointmentEvent(models.Model):
    """One status change: who (a staff member or the resident) moved the request, and when."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_resident = models.BooleanField(_("by the resident"), default=False)
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.appointment_id}: {self.from_status} → {self.to_status}"


class PersonalDataAccess(models.Model):
    """Audit log: every time staff saw full personal data or exported the queue."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed the full request")
        EXPORT = "export", _("Exported the queue as CSV")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accesses",
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
