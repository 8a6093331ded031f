"""What an event achieved, recorded by staff after it; the team's totals add these up."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from .choices import default_locale_events


class VolunteerEventReport(ClusterableModel):
    """What an event achieved, recorded by staff; the team's totals are summed from these."""

    event = models.OneToOneField(
        "services.VolunteerEventPage",
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
