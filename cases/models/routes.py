"""The four ways a case is handled, each a record of its own (its history is the case's events).

1. a work order to the compound's property firm, which answers it;
2. a 协商 session in a neighbourhood hall (邻里厅);
3. a dispute mediation (纠纷调解) with sessions, an agreement and a check 30 days later;
4. a referral to the monthly joint meeting, which becomes a follow-up item once decided.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import YesNo
from .events import CaseEvent

AGREEMENT_CHECK_DAYS = 30


class WorkOrder(models.Model):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=gettext_lazy("case"),
        on_delete=models.CASCADE,
        related_name="work_orders",
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=gettext_lazy("property firm"),
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    sent_at = models.DateTimeField(gettext_lazy("sent"), default=timezone.now)
    due_date = models.DateField(gettext_lazy("due date"), null=True, blank=True)
    answer = models.TextField(gettext_lazy("answer"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(gettext_lazy("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = gettext_lazy("work order")
        verbose_name_plural = gettext_lazy("work orders")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.case.public_number} → {self.firm}"

    @property
    def days_to_answer(self):
        if self.answered_at is None:
            return None
        return round((self.answered_at - self.sent_at).total_seconds() / 86400, 1)

    @transaction.atomic
    def record_answer(self, user, text):
        """The firm's answer; staff then resolve the case (or send it back)."""
        text = (text or "").strip()
        if not text:
            raise ValidationError(_("Write the answer."))
        if not self.case.is_open:
            raise ValidationError(_("The case is no longer open."))
        self.answer = text
        self.answered_at = timezone.now()
        self.answered_by = user
        self.save(update_fields=["answer", "answered_at", "answered_by"])
        return self.case.log(
            CaseEvent.Kind.FIRM_ANSWER, user=user, note=text, actor=CaseEvent.Actor.FIRM
        )


class HallSession(models.Model):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=gettext_lazy("case"),
        on_delete=models.CASCADE,
        related_name="hall_sessions",
    )
    hall = models.CharField(gettext_lazy("neighbourhood hall"), max_length=100)
    held_on = models.DateField(gettext_lazy("held on"), null=True, blank=True)
    parties = models.CharField(
        gettext_lazy("parties by role"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("For example: owners of building 3, the firm; no names."),
    )
    agreement_reached = models.CharField(
        gettext_lazy("agreement reached"), max_length=3, choices=YesNo.choices, blank=True
    )
    summary = models.TextField(gettext_lazy("summary"), blank=True, max_length=2000)

    class Meta:
        verbose_name = gettext_lazy("neighbourhood hall session")
        verbose_name_plural = gettext_lazy("neighbourhood hall sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.hall} {self.held_on or ''}".strip()

    @transaction.atomic
    def record_outcome(self, user, held_on, agreement_reached, summary):
        if agreement_reached not in YesNo.values:
            raise ValidationError(_("Say whether an agreement was reached."))
        if held_on > timezone.localdate():
            raise ValidationError(_("A session cannot be recorded before it is held."))
        self.held_on = held_on
        self.agreement_reached = agreement_reached
        self.summary = summary
        self.save()
        return self.case.add_note(user, _("协商 held in %(hall)s.") % {"hall": self.hall})


class Mediation(models.Model):
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=gettext_lazy("case"),
        on_delete=models.CASCADE,
        related_name="mediation",
    )
    mediator_role = models.CharField(
        gettext_lazy("mediator (role)"),
        max_length=100,
        blank=True,
        help_text=gettext_lazy("For example: community people's mediator; no names."),
    )
    parties = models.CharField(gettext_lazy("parties by role"), max_length=300, blank=True)
    agreement = models.TextField(gettext_lazy("agreement"), blank=True, max_length=2000)
    agreed_on = models.DateField(gettext_lazy("agreed on"), null=True, blank=True)
    check_due = models.DateField(gettext_lazy("check due"), null=True, blank=True, editable=False)
    held_at_check = models.CharField(
        gettext_lazy("agreement held at the check"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
    )
    checked_on = models.DateField(gettext_lazy("checked on"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mediation")
        verbose_name_plural = gettext_lazy("mediations")

    def __str__(self):
        return f"{self.case.public_number} {_('mediation')}"

    def save(self, *args, **kwargs):
        self.check_due = (
            self.agreed_on + datetime.timedelta(days=AGREEMENT_CHECK_DAYS)
            if self.agreed_on
            else None
        )
        super().save(*args, **kwargs)

    @transaction.atomic
    def add_session(self, user, held_on, note=""):
        session = self.sessions.create(held_on=held_on, note=note)
        self.case.add_note(user, _("Mediation session held on %(date)s.") % {"date": held_on})
        return session

    @transaction.atomic
    def record_agreement(self, user, agreement, agreed_on):
        agreement = (agreement or "").strip()
        if not agreement:
            raise ValidationError(_("Write what was agreed."))
        if agreed_on > timezone.localdate():
            raise ValidationError(_("An agreement cannot be dated in the future."))
        self.agreement = agreement
        self.agreed_on = agreed_on
        self.save()
        return self.case.add_note(
            user, _("Agreement reached; checked again on %(date)s.") % {"date": self.check_due}
        )

    @transaction.atomic
    def record_check(self, user, held, checked_on=None):
        """The 30-day check: did the agreement hold?"""
        checked_on = checked_on or timezone.localdate()
        if self.agreed_on is None:
            raise ValidationError(_("Record the agreement before checking it."))
        if checked_on < self.check_due:
            raise ValidationError(
                _("The check is due on %(date)s, not before.") % {"date": self.check_due}
            )
        if held not in YesNo.values:
            raise ValidationError(_("Say whether the agreement held."))
        self.held_at_check = held
        self.checked_on = checked_on
        self.save()
        return self.case.add_note(user, _("30-day check recorded."))


class MediationSession(models.Model):
    mediation = models.ForeignKey(
        Mediation,
        verbose_name=gettext_lazy("mediation"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    held_on = models.DateField(gettext_lazy("held on"))
    note = models.TextField(gettext_lazy("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = gettext_lazy("mediation session")
        verbose_name_plural = gettext_lazy("mediation sessions")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return str(self.held_on)


class MeetingReferral(models.Model):
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=gettext_lazy("case"),
        on_delete=models.CASCADE,
        related_name="meeting_referral",
    )
    meeting = models.ForeignKey(
        "notices.JointMeetingPage",
        verbose_name=gettext_lazy("joint meeting"),
        on_delete=models.PROTECT,
        related_name="case_referrals",
    )
    agenda_text = models.CharField(gettext_lazy("agenda item"), max_length=200)
    follow_up = models.ForeignKey(
        "notices.FollowUpItem",
        verbose_name=gettext_lazy("follow-up item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_referrals",
    )
    decided_on = models.DateField(gettext_lazy("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("joint-meeting referral")
        verbose_name_plural = gettext_lazy("joint-meeting referrals")

    def __str__(self):
        return self.agenda_text

    @transaction.atomic
    def record_decision(self, user, decision, responsible_organisation, due_date=None):
        """The meeting decided: a follow-up item on its tracker, linked back to the case."""
        from ..meetings import add_follow_up

        if self.follow_up_id is not None:
            raise ValidationError(_("The decision is already recorded."))
        decision = (decision or "").strip()
        if not decision or not (responsible_organisation or "").strip():
            raise ValidationError(_("Write the decision and who must carry it out."))
        self.follow_up = add_follow_up(
            self.meeting, self.case, decision, responsible_organisation.strip(), due_date, user
        )
        self.decided_on = timezone.localdate()
        self.save(update_fields=["follow_up", "decided_on"])
        return self.case.add_note(
            user, _("Decided at %(meeting)s.") % {"meeting": self.meeting.title}
        )
