"""The staff's forms for each step of a case; each applies itself through the case's methods."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Case, YesNo

DATE = forms.DateInput(attrs={"type": "date"})


class ActionForm(forms.Form):
    note = forms.CharField(
        label=_("Note (staff only)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def apply(self, case, user):
        raise NotImplementedError


class AcceptForm(ActionForm):
    title = _("Accept (快受)")
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def apply(self, case, user):
        data = self.cleaned_data
        return case.accept(user, due_date=data["due_date"], note=data["note"])


class RouteFirmForm(ActionForm):
    title = _("Send a work order to the property firm")
    due_date = forms.DateField(label=_("Answer due"), required=False, widget=DATE)

    def apply(self, case, user):
        return case.route_to_firm(
            user, due_date=self.cleaned_data["due_date"], note=self.cleaned_data["note"]
        )


class RouteHallForm(ActionForm):
    title = _("Take it to a neighbourhood hall (协商)")
    hall = forms.CharField(label=_("Neighbourhood hall"), max_length=100)
    held_on = forms.DateField(label=_("Session date"), required=False, widget=DATE)
    parties = forms.CharField(label=_("Parties by role (no names)"), required=False, max_length=300)

    def apply(self, case, user):
        d = self.cleaned_data
        return case.route_to_hall(
            user, d["hall"], held_on=d["held_on"], parties=d["parties"], note=d["note"]
        )


class RouteMediationForm(ActionForm):
    title = _("Open a dispute mediation (纠纷调解)")
    mediator_role = forms.CharField(label=_("Mediator (role)"), required=False, max_length=100)
    parties = forms.CharField(label=_("Parties by role (no names)"), required=False, max_length=300)

    def apply(self, case, user):
        d = self.cleaned_data
        return case.route_to_mediation(
            user, mediator_role=d["mediator_role"], parties=d["parties"], note=d["note"]
        )


class RouteMeetingForm(ActionForm):
    title = _("Put it on the next joint meeting's agenda")
    agenda_text = forms.CharField(label=_("Agenda item"), required=False, max_length=200)

    def apply(self, case, user):
        return case.route_to_meeting(
            user, agenda_text=self.cleaned_data["agenda_text"], note=self.cleaned_data["note"]
        )


class TransferForm(ActionForm):
    title = _("Pass on (转办)")
    holder_label = forms.CharField(
        label=_("Who holds it now"),
        max_length=100,
        help_text=_(
            "The resident is told this name; say who, never just “not our responsibility”."
        ),
    )

    def apply(self, case, user):
        return case.transfer(
            user, self.cleaned_data["holder_label"], note=self.cleaned_data["note"]
        )


class ResolveForm(ActionForm):
    title = _("Resolve")
    outcome = forms.CharField(
        label=_("Outcome for the public log (no names, no numbers)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def apply(self, case, user):
        return case.resolve(user, self.cleaned_data["outcome"], note=self.cleaned_data["note"])


class CloseForm(ActionForm):
    title = _("Close")

    def apply(self, case, user):
        return case.close(user, note=self.cleaned_data["note"])


class ReopenForm(ActionForm):
    title = _("Reopen")

    def apply(self, case, user):
        return case.reopen(user, note=self.cleaned_data["note"])


class MergeForm(ActionForm):
    title = _("Merge into another case (same problem)")
    target = forms.CharField(label=_("Case number to merge into"), max_length=12)

    def clean_target(self):
        number = self.cleaned_data["target"].strip()
        target = Case.objects.filter(public_number=number).first()
        if target is None or self.case is None or target.community_id != self.case.community_id:
            raise forms.ValidationError(_("No case with this number in this community."))
        return target

    def apply(self, case, user):
        return case.merge_into(self.cleaned_data["target"], user, note=self.cleaned_data["note"])


class NoteForm(ActionForm):
    title = _("Add a note")
    note = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_public = forms.BooleanField(label=_("Show it to the resident"), required=False)

    def apply(self, case, user):
        return case.add_note(
            user, self.cleaned_data["note"], is_public=self.cleaned_data["is_public"]
        )


class HallOutcomeForm(ActionForm):
    title = _("Record the 协商 session")
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    agreement_reached = forms.ChoiceField(label=_("Agreement reached"), choices=YesNo.choices)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def apply(self, case, user):
        d = self.cleaned_data
        session = case.hall_sessions.first()
        if session is None:
            raise forms.ValidationError(_("The case has no neighbourhood hall session."))
        return session.record_outcome(user, d["held_on"], d["agreement_reached"], d["summary"])


class MediationSessionForm(ActionForm):
    title = _("Record a mediation session")
    held_on = forms.DateField(label=_("Held on"), widget=DATE)

    def apply(self, case, user):
        return case.mediation.add_session(
            user, self.cleaned_data["held_on"], self.cleaned_data["note"]
        )


class MediationAgreementForm(ActionForm):
    title = _("Record the agreement")
    agreement = forms.CharField(
        label=_("Agreement"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE)

    def apply(self, case, user):
        return case.mediation.record_agreement(
            user, self.cleaned_data["agreement"], self.cleaned_data["agreed_on"]
        )


class MediationCheckForm(ActionForm):
    title = _("30-day check")
    held = forms.ChoiceField(label=_("Did the agreement hold?"), choices=YesNo.choices)

    def apply(self, case, user):
        return case.mediation.record_check(user, self.cleaned_data["held"])


class MeetingDecisionForm(ActionForm):
    title = _("Record the joint meeting's decision")
    decision = forms.CharField(
        label=_("Decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_organisation = forms.CharField(label=_("Who must carry it out"), max_length=150)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def apply(self, case, user):
        d = self.cleaned_data
        return case.meeting_referral.record_decision(
            user, d["decision"], d["responsible_organisation"], d["due_date"]
        )


class WorkOrderAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


ACTIONS = {
    "accept": AcceptForm,
    "route-firm": RouteFirmForm,
    "route-hall": RouteHallForm,
    "route-mediation": RouteMediationForm,
    "route-meeting": RouteMeetingForm,
    "transfer": TransferForm,
    "resolve": ResolveForm,
    "close": CloseForm,
    "reopen": ReopenForm,
    "merge": MergeForm,
    "note": NoteForm,
    "hall-outcome": HallOutcomeForm,
    "mediation-session": MediationSessionForm,
    "mediation-agreement": MediationAgreementForm,
    "mediation-check": MediationCheckForm,
    "meeting-decision": MeetingDecisionForm,
}


def available_actions(case):
    """The steps that make sense for the case now (the methods still check)."""
    from .models import CaseStatus, Route

    names = ["note"]
    if case.status == CaseStatus.RECEIVED:
        names += ["accept", "merge"]
    elif case.status in (CaseStatus.ACCEPTED, CaseStatus.IN_HAND):
        names += [
            "route-firm",
            "route-hall",
            "route-mediation",
            "route-meeting",
            "transfer",
            "resolve",
            "merge",
        ]
        if case.route == Route.HALL:
            names.append("hall-outcome")
        if case.route == Route.MEDIATION:
            names += ["mediation-session", "mediation-agreement", "mediation-check"]
        if case.route == Route.MEETING:
            names.append("meeting-decision")
    elif case.status == CaseStatus.RESOLVED:
        names += ["close", "reopen"]
    elif case.status == CaseStatus.CLOSED:
        names.append("reopen")
    return names
