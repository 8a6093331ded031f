"""What firms are assessed on: the association's current list of criteria."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class LocalizedNameMixin:
    """Criteria carry both names so a month's frozen copy needs no translation of its own."""

    @property
    def localized_name(self):
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Criterion(LocalizedNameMixin, models.Model):
    """One assessed area with its maximum score; a month freezes a copy when it is set up."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(1)],
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("used for new months"),
        default=True,
        help_text=_("Months already set up keep the criteria they were assessed on."),
    )
    description = models.TextField(_("what inspectors check"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("max_score"), FieldPanel("sort_order"), FieldPanel("is_active")]),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.max_score})"
