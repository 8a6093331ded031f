"""Requests to join the volunteer team. Personal data: service-station staff only."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from home.masking import mask_name, mask_phone


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
