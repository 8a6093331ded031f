"""What became of a 淘汰建议: one tracked recommendation per bottom-two firm and compound.

When a month is published, every firm with replacement advice gets one `Recommendation` for
each compound it served that month, addressed to the compound's owners' committee, or where
there is none to its property management group (物业管理小组), or else to the community.

A recommendation moves sent → reply received → rectification plan (deadline, checked by a
re-inspection) or replacement decided → new firm in service (a linked `ServicePeriod`) →
closed. Every move is a `RecommendationStep`: an editor proposes it, a moderator confirms or
refuses it; only a confirmed step changes the recommendation. The inspections app is separate
(rankings may not import it), so a re-inspection is referenced by its date and notes.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.search import index

from home.names import translated_names
from home.overdue import days_overdue
from home.visibility import public_page_q

REPLY_DAYS = 30  # the compound is asked to answer within a month
CONFIRM_PERMISSION = "rankings.confirm_recommendationstep"


class ManagementGroup(models.Model):
    """物业管理小组: set up by the party branch where buildings have no owners' committee.

    It looks after public hygiene and facilities for the time being, and receives the
    replacement advice an owners' committee would.
    """

    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        on_delete=models.CASCADE,
        related_name="management_groups",
    )
    name = models.CharField(_("name"), max_length=150)
    buildings = models.CharField(
        _("buildings covered"),
        max_length=150,
        blank=True,
        help_text=_("For example 1–6栋; empty: all."),
    )
    set_up_by = models.CharField(_("set up by"), max_length=150, default="小区治理党支部")
    set_up_on = models.DateField(_("set up on"))
    dissolved_on = models.DateField(
        _("dissolved on"),
        null=True,
        blank=True,
        help_text=_("When an owners' committee took over."),
    )

    panels = [
        FieldPanel("compound"),
        FieldPanel("name"),
        FieldPanel("buildings"),
        FieldRowPanel([FieldPanel("set_up_by"), FieldPanel("set_up_on")]),
        FieldPanel("dissolved_on"),
    ]

    class Meta:
        verbose_name = _("property management group")
        verbose_name_plural = _("property management groups")
        ordering = ["compound", "set_up_on"]

    def __str__(self):
        return self.name

    def active_on(self, day):
        return self.set_up_on <= day and (self.dissolved_on is None or day < self.dissolved_on)


class State(models.TextChoices):
    SENT = "sent", _("Recommendation sent")
    REPLIED = "replied", _("Reply received")
    RECTIFYING = "rectifying", _("Rectification plan")
    REPLACING = "replacing", _("Replacement decided")
    NEW_FIRM = "new_firm", _("New firm in service")
    CLOSED = "closed", _("Concluded")


# state -> the states a step may lead to
TRANSITIONS = {
    State.SENT: (State.REPLIED,),
    State.REPLIED: (State.RECTIFYING, State.REPLACING),
    # A re-inspection passed closes it; one that failed leads to replacement.
    State.RECTIFYING: (State.CLOSED, State.REPLACING),
    State.REPLACING: (State.NEW_FIRM,),
    State.NEW_FIRM: (State.CLOSED,),
    State.CLOSED: (),
}


class Addressee(models.TextChoices):
    COMMITTEE = "committee", _("Owners' committee")
    GROUP = "group", _("Property management group")
    COMMUNITY = "community", _("Community")


class Outcome(models.TextChoices):
    RECTIFIED = "rectified", _("Rectified")
    REPLACED = "replaced", _("Firm replaced")


class RecommendationQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related(
            "month",
            "firm",
            "compound",
            "owners_committee",
            "management_group",
            "service_period__firm",
        ).order_by("-month__month", "compound__name", "pk")

    def open(self):
        return self.exclude(state=State.CLOSED)

    @staticmethod
    def late_q(on=None):
        """Waiting for a reply, or in a rectification plan, past its date (due today is not)."""
        on = on or timezone.localdate()
        return models.Q(state=State.SENT, reply_due__lt=on) | models.Q(
            state=State.RECTIFYING, rectification_due__lt=on
        )

    def overdue(self, on=None):
        return self.filter(self.late_q(on))

    def public(self):
        """Recommendations of live months (a month unpublished later keeps them private)."""
        return self.filter(month__live=True)


class Recommendation(index.Indexed, models.Model):
    """One 淘汰建议 and what became of it. Search finds each on its own and links to its card
    on the month page (in the visitor's language where the month is translated)."""

    month = models.ForeignKey(
        "rankings.RankingMonthPage",
        verbose_name=_("month"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    addressee = models.CharField(_("recipient"), max_length=10, choices=Addressee.choices)
    owners_committee = models.ForeignKey(
        "home.OwnersCommittee",
        verbose_name=_("owners' committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    management_group = models.ForeignKey(
        ManagementGroup,
        verbose_name=_("property management group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.SENT)
    sent_on = models.DateField(_("sent on"))
    reply_due = models.DateField(_("reply due"))
    replied_on = models.DateField(_("reply received on"), null=True, blank=True)
    rectification_due = models.DateField(_("rectification deadline"), null=True, blank=True)
    reinspected_on = models.DateField(_("re-inspected on"), null=True, blank=True)
    reinspection_notes = models.TextField(_("re-inspection"), blank=True)
    replacement_decided_on = models.DateField(_("replacement decided on"), null=True, blank=True)
    service_period = models.ForeignKey(
        "rankings.ServicePeriod",
        verbose_name=_("new firm's service period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField(_("concluded on"), null=True, blank=True)
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices, blank=True)

    objects = RecommendationQuerySet.as_manager()

    search_fields = [
        index.SearchField("search_words", boost=2),
        index.SearchField("reinspection_notes"),
        index.RelatedFields("firm", [index.SearchField("name")]),
        index.RelatedFields("compound", [index.SearchField("name")]),
        index.FilterField("month_id"),
        index.FilterField("sent_on"),
    ]

    class Meta:
        verbose_name = _("replacement recommendation")
        verbose_name_plural = _("replacement recommendations")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "firm", "compound"], name="one_recommendation_per_month_firm"
            )
        ]

    def __str__(self):
        return f"{self.month.month:%Y-%m} · {self.firm} · {self.compound}"

    # -- search: a hit shows as a part of its month page, like a red/black list entry ------

    @property
    def label(self):
        return _("Replacement recommendation")

    @property
    def anchor(self):
        return f"recommendation-{self.pk}"

    @property
    def heading(self):
        """The firm and compound in the visitor's language, where translated (no statement
        in the default language)."""
        firm = translated_names([self.firm]).get(self.firm_id, self.firm.name)
        compound = translated_names([self.compound]).get(self.compound_id, self.compound.name)
        return f"{firm} · {compound}"

    @cached_property
    def page(self):
        """The month page in the visitor's language, else the (default-language) month."""
        try:
            language = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            return self.month
        if language == self.month.locale.language_code:
            return self.month
        translated = (
            type(self.month)
            .objects.live()
            .filter(translation_key=self.month.translation_key, locale__language_code=language)
            .first()
        )
        return translated or self.month

    def get_url(self, request=None):
        return f"{self.page.get_url(request)}#{self.anchor}"

    def search_words(self):
        """What it is and where it stands, in both languages: 淘汰建议, 已更换企业…"""
        words = []
        for language in dict(settings.LANGUAGES):
            with translation.override(language):
                words += [
                    str(self.label),
                    str(self.get_state_display()),
                    str(self.get_outcome_display()) if self.outcome else "",
                    str(self.addressee_name),
                ]
        return " ".join(dict.fromkeys(word for word in words if word))

    def search_snippet_text(self):
        parts = [
            str(self.get_state_display()),
            str(self.get_outcome_display()) if self.outcome else "",
            str(self.addressee_name),
            self.reinspection_notes,
        ]
        return " · ".join(part for part in parts if part)

    @classmethod
    def search_queryset(cls, locale):
        """Recommendations of live, public months; in `locale`, those whose month has a live,
        public translation there (the recommendations hang on the default-language month)."""
        from .pages import RankingMonthPage

        months = RankingMonthPage.objects.live().filter(public_page_q())
        recs = cls.objects.filter(month__live=True, month__locale=Locale.get_default()).filter(
            public_page_q("month__")
        )
        if locale is not None:
            recs = recs.filter(
                month__translation_key__in=months.filter(locale=locale).values("translation_key")
            )
        return recs.select_related(
            "month__locale", "firm", "compound", "owners_committee", "management_group"
        )

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("firm", "compound", "owners_committee", "management_group")
        )

    @property
    def addressee_name(self):
        if self.addressee == Addressee.COMMITTEE and self.owners_committee:
            return self.owners_committee.name
        if self.addressee == Addressee.GROUP and self.management_group:
            return self.management_group.name
        return str(Addressee(self.addressee).label)

    @property
    def due(self):
        """The date the current stage must be done by, if any."""
        if self.state == State.SENT:
            return self.reply_due
        if self.state == State.RECTIFYING:
            return self.rectification_due
        return None

    def overdue_days(self, on=None):
        """逾期 N 天: an open stage past its date, or a rectification re-inspected late."""
        if self.state in (State.SENT, State.RECTIFYING):
            return days_overdue(self.due, on=on)
        if self.outcome == Outcome.RECTIFIED:
            return days_overdue(self.rectification_due, closed_on=self.reinspected_on)
        return 0

    @property
    def days_late(self):
        return self.overdue_days()

    @property
    def is_open(self):
        return self.state != State.CLOSED

    def allowed_states(self):
        return TRANSITIONS[State(self.state)]

    def propose(self, to_state, user, note="", **data):
        """An editor's proposal; nothing changes until a moderator confirms it."""
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            step = RecommendationStep(
                recommendation=current,
                from_state=current.state,
                to_state=to_state,
                note=(note or "").strip(),
                proposed_by=user,
                **data,
            )
            if user is not None and not user.has_perm("rankings.add_recommendationstep"):
                raise PermissionDenied
            if current.steps.filter(decision=Decision.PENDING).exists():
                raise ValidationError(
                    _("A proposed step is waiting for a moderator; confirm or refuse it first.")
                )
            step.full_clean()
            step.save()
        return step

    def open_with_first_step(self):
        """The record that the recommendation was sent (no one proposes this: publishing did)."""
        RecommendationStep.objects.create(
            recommendation=self,
            from_state="",
            to_state=State.SENT,
            on_date=self.sent_on,
            decision=Decision.CONFIRMED,
            decided_at=timezone.now(),
        )


class Decision(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


class RecommendationStep(models.Model):
    """One move of a recommendation, as proposed, and what a moderator decided."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    from_state = models.CharField(_("from"), max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=State.choices)
    on_date = models.DateField(_("date"), help_text=_("When it happened."))
    due_date = models.DateField(
        _("rectification deadline"),
        null=True,
        blank=True,
        help_text=_("For a rectification plan."),
    )
    reinspection_notes = models.TextField(
        _("re-inspection"),
        blank=True,
        help_text=_("For the end of a plan: the re-inspection's date, inspectors and findings."),
    )
    service_period = models.ForeignKey(
        "rankings.ServicePeriod",
        verbose_name=_("new firm's service period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("explanation"), blank=True)
    # Staff only: who proposed and who decided are never shown on public pages.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for refusing"), blank=True)

    class Meta:
        verbose_name = _("recommendation step")
        verbose_name_plural = _("recommendation steps")
        ordering = ["proposed_at", "pk"]
        permissions = [("confirm_recommendationstep", _("Can confirm or refuse steps"))]

    def __str__(self):
        moves = f"{self.get_from_state_display()} → {self.get_to_state_display()}"
        return f"{self.recommendation} · {moves}"

    def clean(self):
        super().clean()
        rec = self.recommendation
        errors = {}
        if self.to_state not in rec.allowed_states():
            raise ValidationError(
                _("A recommendation in state “%(state)s” cannot move to “%(to)s”.")
                % {"state": rec.get_state_display(), "to": State(self.to_state).label}
            )
        if self.on_date and self.on_date < rec.sent_on:
            errors["on_date"] = _("The date cannot be before the recommendation was sent.")
        if self.on_date and self.on_date > timezone.localdate():
            errors["on_date"] = _("The date cannot be in the future.")
        if self.to_state == State.RECTIFYING:
            if not self.due_date:
                errors["due_date"] = _("Give the rectification deadline.")
            elif self.on_date and self.due_date < self.on_date:
                errors["due_date"] = _("The deadline cannot be before the plan.")
        if rec.state == State.RECTIFYING and not self.reinspection_notes.strip():
            errors["reinspection_notes"] = _(
                "Say which re-inspection checked the plan (date, inspectors, findings)."
            )
        if self.to_state == State.NEW_FIRM:
            period = self.service_period
            if period is None:
                errors["service_period"] = _("Link the new firm's service period.")
            elif period.compound_id != rec.compound_id or period.firm_id == rec.firm_id:
                errors["service_period"] = _(
                    "The service period must be another firm's, at the same compound."
                )
        if self.to_state in (State.REPLACING, State.CLOSED) and not self.note.strip():
            errors["note"] = _("Say what was decided.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_pending(self):
        return self.decision == Decision.PENDING

    def confirm(self, user):
        """A moderator applies the step; the recommendation moves only now."""
        with transaction.atomic():
            step = self._lock_pending(user)
            rec = Recommendation.objects.select_for_update().get(pk=step.recommendation_id)
            if rec.state != step.from_state:
                raise ValidationError(_("The recommendation has moved since this was proposed."))
            apply_step(rec, step)
            rec.save()
            step._decide(Decision.CONFIRMED, user)
        self.refresh_from_db()

    def refuse(self, user, note=""):
        with transaction.atomic():
            step = self._lock_pending(user)
            step.decision_note = (note or "").strip()
            step._decide(Decision.REFUSED, user)
        self.refresh_from_db()

    def _lock_pending(self, user):
        if user is not None and not user.has_perm(CONFIRM_PERMISSION):
            raise PermissionDenied
        step = type(self).objects.select_for_update().get(pk=self.pk)
        if not step.is_pending:
            raise ValidationError(_("This step has already been decided."))
        return step

    def _decide(self, decision, user):
        self.decision = decision
        self.decided_by = user
        self.decided_at = timezone.now()
        self.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])


def apply_step(rec, step):
    to = step.to_state
    if to == State.REPLIED:
        rec.replied_on = step.on_date
    elif to == State.RECTIFYING:
        rec.rectification_due = step.due_date
    elif rec.state == State.RECTIFYING:  # a re-inspection ends the plan, passed or failed
        rec.reinspected_on = step.on_date
        rec.reinspection_notes = step.reinspection_notes
    if to == State.REPLACING:
        rec.replacement_decided_on = step.on_date
    elif to == State.NEW_FIRM:
        rec.service_period = step.service_period
    elif to == State.CLOSED:
        rec.closed_on = step.on_date
        rec.outcome = Outcome.REPLACED if rec.state == State.NEW_FIRM else Outcome.RECTIFIED
    rec.state = to


def addressee_for(compound, on):
    """(addressee kind, owners' committee, management group) for `compound` on day `on`."""
    from home.models import OwnersCommittee

    committee = OwnersCommittee.objects.filter(compound=compound).first()
    if committee is not None and compound.committee_status in ("in_office", "re_election_due"):
        return Addressee.COMMITTEE, committee, None
    group = next(
        (g for g in compound.management_groups.order_by("-set_up_on") if g.active_on(on)), None
    )
    if group is not None:
        return Addressee.GROUP, None, group
    return Addressee.COMMUNITY, None, None


def create_for_month(page, sent_on=None):
    """One recommendation per replacement-advised firm and compound it served; idempotent."""
    from ..ranking import rank_totals
    from .service import ServiceHistory

    source = page.source
    if source.first_published_at is None:
        return []
    from ..results import month_totals

    totals = {firm_id: total for (_m, firm_id), total in month_totals([source.pk]).items()}
    ranking = rank_totals(totals)
    served = ServiceHistory(source.locale_id).for_month(source.month)
    sent_on = sent_on or timezone.localdate()
    created = []
    for standing in ranking.replacement:
        for compound in served.get(standing.key, []):
            if Recommendation.objects.filter(
                month=source, firm_id=standing.key, compound=compound
            ).exists():
                continue
            kind, committee, group = addressee_for(compound, sent_on)
            with transaction.atomic():
                rec, made = Recommendation.objects.get_or_create(
                    month=source,
                    firm_id=standing.key,
                    compound=compound,
                    defaults={
                        "addressee": kind,
                        "owners_committee": committee,
                        "management_group": group,
                        "sent_on": sent_on,
                        "reply_due": sent_on + datetime.timedelta(days=REPLY_DAYS),
                    },
                )
                if made:
                    rec.open_with_first_step()
                    created.append(rec)
    return created
