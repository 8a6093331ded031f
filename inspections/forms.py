from django import forms
from django.utils.translation import gettext_lazy as _

from home.overdue import today

from .models import Inspection


class RecheckForm(forms.Form):
    recheck_on = forms.DateField(
        label=_("Re-checked on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    result = forms.ChoiceField(
        label=_("Result"), choices=Inspection.RecheckResult.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection

    def clean_recheck_on(self):
        value = self.cleaned_data["recheck_on"]
        if value < self.inspection.date or value > today():
            raise forms.ValidationError(
                _("The re-check date must be between the inspection and today.")
            )
        return value


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
