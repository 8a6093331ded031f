"""满意度回访: after resolution each reporter is asked whether it is fixed and how satisfied."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .events import CaseEvent

SCORES = range(1, 6)


class SatisfactionSurveyQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    @staticmethod
    def _figure_expressions():
        return {
            "answers": Count("pk"),
            "fixed_count": Count("pk", filter=Q(fixed=True)),
            "average_score": Avg("score"),
        }

    def _figures(self, group_by):
        return (
            self.answered()
            .values(*group_by)
            .annotate(**self._figure_expressions())
            .order_by(*group_by)
        )

    def totals(self):
        """Answers, how many said fixed, mean score, over the whole queryset."""
        return self.answered().aggregate(**self._figure_expressions())

    def by_firm(self):
        """Per firm that held a work order for the case: answers, how many fixed, mean score."""
        return self._figures(["case__work_orders__firm_id", "case__work_orders__firm__name"])

    def by_month(self):
        """Per month of the answer (in the site's time zone)."""
        return self.annotate(month=TruncMonth("answered_at"))._figures(["month"])


class SatisfactionSurvey(models.Model):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=gettext_lazy("case"),
        on_delete=models.CASCADE,
        related_name="surveys",
    )
    report = models.ForeignKey(
        "cases.Report",
        verbose_name=gettext_lazy("report"),
        on_delete=models.CASCADE,
        related_name="surveys",
    )
    token = models.CharField(max_length=43, unique=True, editable=False)
    asked_at = models.DateTimeField(gettext_lazy("asked"), default=timezone.now)
    sent_at = models.DateTimeField(gettext_lazy("texted"), null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(gettext_lazy("answered"), null=True, blank=True)
    fixed = models.BooleanField(gettext_lazy("fixed"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        gettext_lazy("satisfaction (1–5)"), null=True, blank=True
    )
    comment = models.TextField(gettext_lazy("comment"), blank=True, max_length=1000)

    objects = SatisfactionSurveyQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("satisfaction survey")
        verbose_name_plural = gettext_lazy("satisfaction surveys")
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return f"{self.case.public_number} {self.report}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @classmethod
    def ask(cls, case):
        """One survey per reachable reporter of `case`, texted after the commit."""
        from ..tasks import send_survey

        surveys = [
            cls.objects.create(case=case, report=report) for report in case.reports.reachable()
        ]
        ids = [survey.pk for survey in surveys]
        if ids:
            transaction.on_commit(lambda: [send_survey.enqueue(pk) for pk in ids])
        return surveys

    @property
    def is_answered(self):
        return self.answered_at is not None

    @transaction.atomic
    def record_answer(self, fixed, score=None, comment=""):
        """Keep the answer; "not fixed" reopens the case (if it is still resolved or closed)."""
        from .choices import DONE_STATUSES

        if self.is_answered:
            raise ValidationError(_("This survey has already been answered."))
        if score is not None and score not in SCORES:
            raise ValidationError(_("Choose a score from 1 to 5."))
        self.fixed = bool(fixed)
        self.score = score
        self.comment = (comment or "").strip()
        self.answered_at = timezone.now()
        self.save(update_fields=["fixed", "score", "comment", "answered_at"])
        case = self.case
        case.log(
            CaseEvent.Kind.SATISFACTION,
            actor=CaseEvent.Actor.RESIDENT,
            note=_("Fixed: %(fixed)s. Score: %(score)s.")
            % {"fixed": _("yes") if self.fixed else _("no"), "score": score or "–"},
        )
        if not self.fixed and case.status in DONE_STATUSES:
            case.reopen(
                note=_("The reporter answered that it is not fixed."),
                actor=CaseEvent.Actor.RESIDENT,
            )
        return self
