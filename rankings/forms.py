"""Admin forms: the month's score grid, the import upload and a correction."""

from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from .scoresheet import FirmEntry


class ScoreGridForm(forms.Form):
    """All firms × criteria on one screen; a cell's errors stay with the cell."""

    def __init__(self, *args, criteria, firms, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.firms = firms
        for firm in firms:
            assessment = assessments.get(firm.pk)
            scores = (
                {s.criterion_id: s.value for s in assessment.scores.all()} if assessment else {}
            )
            for criterion in criteria:
                self.fields[self.cell_name(firm, criterion)] = forms.DecimalField(
                    label=f"{firm.name} · {criterion.localized_name}",
                    required=False,
                    min_value=Decimal(0),
                    max_value=criterion.max_score,
                    max_digits=5,
                    decimal_places=1,
                    initial=scores.get(criterion.pk),
                    widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
                )
            self.fields[self.remarks_name(firm)] = forms.CharField(
                label=_("Inspector remarks for %(firm)s") % {"firm": firm.name},
                required=False,
                max_length=2000,
                initial=assessment.remarks if assessment else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def cell_name(firm, criterion):
        return f"score-{firm.pk}-{criterion.pk}"

    @staticmethod
    def remarks_name(firm):
        return f"remarks-{firm.pk}"

    def rows(self):
        """(firm, [bound cell per criterion], bound remarks) for the template."""
        for firm in self.firms:
            yield (
                firm,
                [self[self.cell_name(firm, criterion)] for criterion in self.criteria],
                self[self.remarks_name(firm)],
            )

    def clean(self):
        cleaned = super().clean()
        for firm in self.firms:
            names = [self.cell_name(firm, criterion) for criterion in self.criteria]
            raw_filled = [
                name for name in names if (self.data.get(self.add_prefix(name)) or "").strip()
            ]
            if raw_filled and len(raw_filled) < len(names):
                for name in names:
                    if name not in raw_filled:
                        self.add_error(
                            name, _("Enter this score too, or leave the firm's whole row empty.")
                        )
        return cleaned

    def entries(self):
        entries = []
        for firm in self.firms:
            scores = {
                criterion.pk: self.cleaned_data[self.cell_name(firm, criterion)]
                for criterion in self.criteria
                if self.cleaned_data.get(self.cell_name(firm, criterion)) is not None
            }
            entries.append(
                FirmEntry(firm, scores, self.cleaned_data[self.remarks_name(firm)].strip())
            )
        return entries


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Score sheet (.csv or .xlsx)"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_("Start from the template; nothing is saved unless every row is valid."),
    )


class CorrectionForm(forms.Form):
    score = forms.TypedChoiceField(label=_("Score to correct"), coerce=int)
    new_value = forms.DecimalField(
        label=_("New score"), min_value=Decimal(0), max_digits=5, decimal_places=1
    )
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = {score.pk: score for score in scores}
        self.fields["score"].choices = [
            (
                score.pk,
                f"{score.assessment.firm.name} · {score.criterion.localized_name} ({score.value})",
            )
            for score in scores
        ]

    def clean(self):
        cleaned = super().clean()
        score = self.scores.get(cleaned.get("score"))
        value = cleaned.get("new_value")
        if score and value is not None:
            if value > score.criterion.max_score:
                self.add_error(
                    "new_value", _("At most %(max)s points.") % {"max": score.criterion.max_score}
                )
            elif value == score.value:
                self.add_error("new_value", _("This is the current score."))
        cleaned["score_obj"] = score
        return cleaned
