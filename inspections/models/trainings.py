"""Training sessions (业务知识培训) the associations run for firm staff, with attendance by firm."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from home.overdue import today

from .inspections import default_locale_q


class Training(ClusterableModel):
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=120)
    location = models.CharField(_("location"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("location")]),
        FieldPanel("topic"),
        FieldPanel("summary"),
        InlinePanel("attendance", heading=_("Attendance by firm"), label=_("firm")),
    ]

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.topic}"

    def clean(self):
        super().clean()
        if self.date and self.date > today():
            raise ValidationError({"date": _("Attendance can only be recorded after the session.")})


class TrainingAttendance(models.Model):
    training = ParentalKey(Training, on_delete=models.CASCADE, related_name="attendance")
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.CASCADE,
        related_name="training_attendance",
        limit_choices_to=default_locale_q,
    )
    attended = models.BooleanField(_("attended"), default=True)
    staff_count = models.PositiveSmallIntegerField(_("staff who attended"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("firm"), FieldPanel("attended"), FieldPanel("staff_count")])
    ]

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["training", "firm__name"]
        constraints = [
            models.UniqueConstraint(fields=["training", "firm"], name="unique_training_firm")
        ]

    def __str__(self):
        return f"{self.training} · {self.firm}"

    def clean(self):
        super().clean()
        if self.attended and not self.staff_count:
            raise ValidationError(
                {"staff_count": _("Give how many staff attended, or untick “attended”.")}
            )
        if not self.attended and self.staff_count:
            raise ValidationError({"staff_count": _("A firm that was absent sent no staff.")})
