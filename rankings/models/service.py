"""Which firm served which compound when: the directory only knows the current firm."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class ServicePeriod(models.Model):
    """A firm's contract with a compound, by month (start and end months included)."""

    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        on_delete=models.CASCADE,
        related_name="service_periods",
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.CASCADE,
        related_name="service_periods",
    )
    start_month = models.DateField(_("first month"), help_text=_("Any day of the month."))
    end_month = models.DateField(
        _("last month"), null=True, blank=True, help_text=_("Empty while the firm still serves.")
    )

    panels = [
        FieldPanel("compound"),
        FieldPanel("firm"),
        FieldRowPanel([FieldPanel("start_month"), FieldPanel("end_month")]),
    ]

    class Meta:
        verbose_name = _("service period")
        verbose_name_plural = _("service periods")
        ordering = ["compound", "start_month"]

    def __str__(self):
        end = self.end_month.strftime("%Y-%m") if self.end_month else "…"
        return f"{self.compound} · {self.firm} · {self.start_month:%Y-%m}–{end}"

    def save(self, *args, **kwargs):
        self.start_month = self.start_month.replace(day=1)
        if self.end_month:
            self.end_month = self.end_month.replace(day=1)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise ValidationError({"end_month": _("The last month cannot be before the first.")})

    def covers(self, month):
        return self.start_month <= month and (self.end_month is None or month <= self.end_month)


class ServiceHistory:
    """Compounds served by each firm in any month, loaded in two queries.

    A compound with service periods is served by whoever they name; a compound without any
    is taken to have always been served by its current firm in the directory.
    """

    def __init__(self, locale):
        from home.models import Compound

        self.periods = list(
            ServicePeriod.objects.filter(compound__locale=locale).select_related("compound")
        )
        with_history = {period.compound_id for period in self.periods}
        self.current = [
            compound
            for compound in Compound.objects.filter(locale=locale, property_firm__isnull=False)
            if compound.pk not in with_history
        ]

    def for_month(self, month):
        """firm id -> compounds it served in `month`, by name."""
        served = defaultdict(list)
        for compound in self.current:
            served[compound.property_firm_id].append(compound)
        for period in self.periods:
            if period.covers(month):
                served[period.firm_id].append(period.compound)
        for compounds in served.values():
            compounds.sort(key=lambda compound: compound.name)
        return served
