"""What residents send: reports (with photos) and "me too" (我也遇到) on a case."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.masking import mask_name, mask_phone
from home.references import display_reference, unused_reference

from ..storage import private_storage

MAX_PHOTOS = 3


class ReportQuerySet(models.QuerySet):
    def reachable(self):
        """Reports whose reporter can still be texted (not anonymised, a number given)."""
        return self.filter(anonymised_at__isnull=True).exclude(reporter_mobile="")


class Report(models.Model):
    reference = models.CharField(
        pgettext_lazy("resident report", "reference"), max_length=12, unique=True, editable=False
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="reports"
    )
    compound = models.ForeignKey(
        "home.Compound", verbose_name=_("compound"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        "cases.CaseCategory", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    building = models.CharField(_("building and unit"), max_length=50, blank=True)
    description = models.TextField(_("what happened"), max_length=2000)
    location = models.CharField(_("where"), max_length=200, blank=True)
    reporter_name = models.CharField(_("name"), max_length=50)
    reporter_mobile = models.CharField(_("mobile"), max_length=20)
    for_someone_else = models.BooleanField(_("reported for someone else"), default=False)
    relation = models.CharField(_("relation to them"), max_length=30, blank=True)
    wants_contact = models.BooleanField(_("wants to be contacted"), default=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the form, used for the text messages."),
    )
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("resident report", "report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.display_reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = unused_reference(Report)
        if not self.form_token:
            # Reports made by staff or the demo have no form behind them.
            self.form_token = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    @property
    def display_reference(self):
        return display_reference(self.reference)

    @property
    def masked_name(self):
        return mask_name(self.reporter_name)

    @property
    def masked_mobile(self):
        return mask_phone(self.reporter_mobile)

    def phone_matches(self, last_four):
        return bool(self.reporter_mobile) and secrets.compare_digest(
            self.reporter_mobile[-4:], last_four or ""
        )

    def anonymise(self, now=None):
        """Forget who reported (retention); what was reported stays for the public record."""
        for photo in self.photos.all():
            photo.image.delete(save=False)
            photo.delete()
        self.reporter_name = ""
        self.reporter_mobile = ""
        self.relation = ""
        self.building = ""
        self.anonymised_at = now or timezone.now()
        self.save(
            update_fields=[
                "reporter_name",
                "reporter_mobile",
                "relation",
                "building",
                "anonymised_at",
            ]
        )


class ReportPhoto(models.Model):
    report = models.ForeignKey(
        Report,
        verbose_name=pgettext_lazy("resident report", "report"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    # Re-encoded by Pillow before it is saved (metadata and GPS gone), in private storage.
    image = models.FileField(_("photo"), storage=private_storage, upload_to="reports/%Y/%m/")
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.report} #{self.pk}"


class CaseSupport(models.Model):
    """我也遇到: a resident with the same problem, counted once per address per case."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    mobile = models.CharField(
        _("mobile"), max_length=20, blank=True, help_text=_("Optional, for updates by text.")
    )
    client_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("me too")
        verbose_name_plural = _("me too")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "client_hash"], name="unique_support_per_client"
            )
        ]

    def __str__(self):
        return f"{self.case_id} +1"
