"""A month's scores: the frozen criteria, one assessment per firm, its scores and evidence.

All of it hangs off the month page in the default language; translations of the page read
the same rows. Once the month has been published its rows are frozen: `save`, `delete` and
bulk queryset writes raise `FrozenMonthError`, and the only way to change a score is a
`ScoreCorrection`: proposed with a reason (`ScoreCorrection.objects.propose()`), it changes the
score only when a moderator approves it (`approve()`), which logs the old value and the new.
"""

import contextvars
from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .criteria import LocalizedNameMixin

_correcting = contextvars.ContextVar("rankings_correcting", default=False)


class FrozenMonthError(Exception):
    """Raised on any write to a published month outside a logged correction."""

    def __init__(self, message=None):
        super().__init__(
            message or "This month has been published; change it with a correction and a reason."
        )


@contextmanager
def correcting():
    token = _correcting.set(True)
    try:
        yield
    finally:
        _correcting.reset(token)


class FrozenMonthQuerySet(models.QuerySet):
    """Bulk writes check the month first, so `update()` cannot bypass the freeze."""

    month_lookup = "month"

    def touches_frozen_month(self):
        return self.filter(**{f"{self.month_lookup}__first_published_at__isnull": False}).exists()

    def _guard(self):
        if not _correcting.get() and self.touches_frozen_month():
            raise FrozenMonthError()

    def update(self, **kwargs):
        self._guard()
        return super().update(**kwargs)

    def delete(self):
        self._guard()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.guard_month()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.guard_month()
        return super().bulk_update(objs, *args, **kwargs)


class FrozenMonthMixin:
    def month_page(self):
        raise NotImplementedError

    def guard_month(self):
        if _correcting.get():
            return
        month = self.month_page()
        if month is not None and month.is_frozen:
            raise FrozenMonthError()

    def save(self, *args, **kwargs):
        self.guard_month()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.guard_month()
        return super().delete(*args, **kwargs)


class MonthCriterion(LocalizedNameMixin, FrozenMonthMixin, models.Model):
    """A criterion as it stood when the month was set up (name and maximum copied)."""

    month = models.ForeignKey(
        "rankings.RankingMonthPage",
        verbose_name=_("month"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    criterion = models.ForeignKey(
        "rankings.Criterion",
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=5, decimal_places=1)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = FrozenMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("criterion of a month")
        verbose_name_plural = _("criteria of a month")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["month", "name"], name="unique_month_criterion_name")
        ]

    def __str__(self):
        return self.name

    def month_page(self):
        return self.month


class FirmAssessment(FrozenMonthMixin, models.Model):
    """One firm's checks in one month; its total and rank are always computed."""

    month = models.ForeignKey(
        "rankings.RankingMonthPage",
        verbose_name=_("month"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    remarks = models.TextField(_("inspector remarks"), blank=True)

    objects = FrozenMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("firm assessment")
        verbose_name_plural = _("firm assessments")
        ordering = ["month", "firm__name"]
        constraints = [
            models.UniqueConstraint(fields=["month", "firm"], name="unique_assessment_per_month")
        ]

    def __str__(self):
        return f"{self.month.month:%Y-%m} · {self.firm}"

    def month_page(self):
        return self.month

    @property
    def total(self):
        """Sum of the scores (uses prefetched scores when present)."""
        return sum((score.value for score in self.scores.all()), start=Decimal(0))


class ScoreQuerySet(FrozenMonthQuerySet):
    month_lookup = "assessment__month"


class Score(FrozenMonthMixin, models.Model):
    assessment = models.ForeignKey(
        FirmAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        MonthCriterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    value = models.DecimalField(
        _("score"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="unique_score_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    def clean(self):
        if self.value is not None and self.criterion_id and self.value > self.criterion.max_score:
            raise ValidationError(
                {"value": _("At most %(max)s points.") % {"max": self.criterion.max_score}}
            )

    def month_page(self):
        return self.assessment.month


class EvidencePhotoQuerySet(FrozenMonthQuerySet):
    month_lookup = "assessment__month"


class EvidencePhoto(FrozenMonthMixin, models.Model):
    """A photo the inspectors took, kept with the assessment it supports."""

    assessment = models.ForeignKey(
        FirmAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200)

    objects = EvidencePhotoQuerySet.as_manager()

    panels = [FieldPanel("assessment"), FieldPanel("image"), FieldPanel("caption")]

    class Meta:
        verbose_name = _("evidence photo")
        verbose_name_plural = _("evidence photos")

    def __str__(self):
        return self.caption

    def month_page(self):
        return self.assessment.month if self.assessment_id else None

    def clean(self):
        super().clean()
        month = self.month_page()
        if month is not None and month.is_frozen:
            raise ValidationError(
                {"assessment": _("This month has been published; its evidence is frozen.")}
            )


class ScoreCorrectionQuerySet(models.QuerySet):
    def approved(self):
        """Only approved corrections are public and change a score."""
        return self.filter(status=ScoreCorrection.Status.APPROVED)

    def pending(self):
        return self.filter(status=ScoreCorrection.Status.PENDING)

    @transaction.atomic
    def propose(self, score, new_value, reason, user=None):
        """Record a proposed change to a published month's score; nothing public changes yet.

        A correction goes through the same moderation as publishing: an editor proposes it,
        a moderator approves (`approve`) or rejects (`reject`) it.
        """
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": _("Give the reason for the correction.")})
        new_value = Decimal(new_value)
        if new_value < 0 or new_value > score.criterion.max_score:
            raise ValidationError(
                {"new_value": _("At most %(max)s points.") % {"max": score.criterion.max_score}}
            )
        return self.create(
            month=score.assessment.month,
            firm=score.assessment.firm,
            criterion=score.criterion,
            old_value=score.value,
            new_value=new_value,
            reason=reason,
            corrected_by=user,
        )


class ScoreCorrection(models.Model):
    """A change to a published month's score: proposed, then approved or rejected.

    Only an approved correction changes the score and is shown on the public pages, with
    its reason and the date of the approval.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    month = models.ForeignKey(
        "rankings.RankingMonthPage",
        verbose_name=_("month"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    criterion = models.ForeignKey(
        MonthCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    old_value = models.DecimalField(_("old score"), max_digits=5, decimal_places=1)
    new_value = models.DecimalField(_("new score"), max_digits=5, decimal_places=1)
    reason = models.TextField(_("reason"))
    corrected_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    # Staff only: never shown on the public page.
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(_("approved or rejected at"), null=True, blank=True)
    # Staff only, like corrected_by: the public page names the moderators' role, not a person.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or rejected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScoreCorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("score correction")
        verbose_name_plural = _("score corrections")
        ordering = ["corrected_at", "pk"]
        permissions = [("approve_scorecorrection", _("Can approve or reject score corrections"))]

    def __str__(self):
        return f"{self.firm} · {self.criterion}: {self.old_value} → {self.new_value}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    def approve(self, user=None):
        """Apply the correction to the score; from now on it is public."""
        with transaction.atomic():
            correction = self._lock_pending()
            score = Score.objects.select_for_update().get(
                assessment__month_id=correction.month_id,
                assessment__firm_id=correction.firm_id,
                criterion_id=correction.criterion_id,
            )
            # Another correction of the same score may have been approved since this one was
            # proposed: the public notice must show the value it actually replaced.
            correction.old_value = score.value
            score.value = correction.new_value
            with correcting():
                score.save(update_fields=["value"])
            correction._decide(self.Status.APPROVED, user)
            from ..standings import store_month  # the stored results follow the new score

            store_month(correction.month)
        self.refresh_from_db()

    def reject(self, user=None):
        with transaction.atomic():
            correction = self._lock_pending()
            correction._decide(self.Status.REJECTED, user)
        self.refresh_from_db()

    def _lock_pending(self):
        correction = type(self).objects.select_for_update().get(pk=self.pk)
        if not correction.is_pending:
            raise ValidationError(_("This correction has already been decided."))
        return correction

    def _decide(self, status, user):
        self.status = status
        self.decided_by = user
        self.decided_at = timezone.now()
        self.save(update_fields=["old_value", "status", "decided_by", "decided_at"])
