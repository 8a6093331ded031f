"""Writing a month's scores, shared by the admin grid and the file import.

Everything here assumes its input was validated; `save_scores` writes it in one
transaction, so either the whole month's entry is stored or none of it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from .models import FirmAssessment, FrozenMonthError, Score


@dataclass
class FirmEntry:
    """One firm's line on the score sheet; `scores` empty means not assessed."""

    firm: object
    scores: dict = field(default_factory=dict)  # MonthCriterion id -> Decimal
    remarks: str = ""

    @property
    def assessed(self):
        return bool(self.scores)

    @property
    def total(self):
        return sum(self.scores.values(), start=Decimal(0))


@transaction.atomic
def save_scores(month, entries):
    """Store `entries` (FirmEntry list) for `month`; firms not listed are left as they are."""
    month = month.source
    if month.is_frozen:
        raise FrozenMonthError()
    existing = {a.firm_id: a for a in month.assessments.all()}
    for entry in entries:
        assessment = existing.get(entry.firm.pk)
        if not entry.assessed:
            if assessment is not None:
                assessment.delete()
            continue
        if assessment is None:
            assessment = FirmAssessment.objects.create(
                month=month, firm=entry.firm, remarks=entry.remarks
            )
        elif assessment.remarks != entry.remarks:
            assessment.remarks = entry.remarks
            assessment.save(update_fields=["remarks"])
        Score.objects.filter(assessment=assessment).delete()
        Score.objects.bulk_create(
            Score(assessment=assessment, criterion_id=criterion_id, value=value)
            for criterion_id, value in entry.scores.items()
        )
