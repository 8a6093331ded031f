"""What residents report about (环境卫生, 电梯, 停车 …), with the targets staff work to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin


class CaseCategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class CaseCategory(TranslatableMixin, models.Model):
    name = models.CharField(pgettext_lazy("resident report", "name"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=50)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(
        _("offered on the report form"),
        default=True,
        help_text=_("Cases already filed keep their category when it is switched off."),
    )
    accept_within_hours = models.PositiveSmallIntegerField(
        _("accept within (hours)"),
        default=24,
        help_text=_("The 快受 target: how soon a report must be accepted."),
    )
    resolve_within_days = models.PositiveSmallIntegerField(
        _("resolve within (days)"),
        default=7,
        help_text=_("The due date proposed when a report is accepted."),
    )

    objects = CaseCategoryQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
        FieldRowPanel([FieldPanel("accept_within_hours"), FieldPanel("resolve_within_days")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_case_category_slug_locale"
            )
        ]

    def __str__(self):
        return self.name
