"""Joint supervision inspections (监督检查): findings against the service rules, a rectification
deadline and a re-check that a moderator confirms; every state change is an event."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable

from home.overdue import days_overdue, today

from ..fields import CleanPhotoField


def default_locale_q():
    return Q(locale_id=Locale.get_default().pk)


def service_rules_q():
    """Articles of the live 物业管理服务细则 in the default language: a checklist's items."""
    return Q(
        page__kind="service_rules",
        page__live=True,
        in_force=True,
        locale_id=Locale.get_default().pk,
    )


def default_letter_items_q():
    return Q(page__locale_id=Locale.get_default().pk)


def firm_serving(compound, on):
    """The firm that served `compound` on the date `on`: its service periods say, and a
    compound without any is served by the firm the directory names."""
    from rankings.models import ServicePeriod

    month = on.replace(day=1)
    periods = list(ServicePeriod.objects.filter(compound=compound).select_related("firm"))
    if not periods:
        return compound.property_firm
    return next((period.firm for period in periods if period.covers(month)), None)


class InspectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Inspection.OPEN_STATUSES)

    def overdue(self, on=None):
        return self.open().filter(rectification_deadline__lt=on or today())

    def for_listing(self):
        """With what a public listing shows, in a fixed number of statements."""
        return self.select_related("compound", "firm").prefetch_related(
            Prefetch(
                "findings",
                queryset=InspectionFinding.objects.select_related("article__page").order_by(
                    "sort_order", "pk"
                ),
            )
        )


class Inspection(ClusterableModel):
    class Status(models.TextChoices):
        NO_ACTION = "no_action", _("No rectification needed")
        RECTIFYING = "rectifying", _("Rectification due")
        RECHECK_PROPOSED = "recheck_proposed", _("Re-check awaiting confirmation")
        RECTIFIED = "rectified", _("Rectified")
        NOT_RECTIFIED = "not_rectified", _("Not rectified")

    class RecheckResult(models.TextChoices):
        RECTIFIED = "rectified", _("Rectified")
        NOT_RECTIFIED = "not_rectified", _("Not rectified")

    OPEN_STATUSES = (Status.RECTIFYING, Status.RECHECK_PROPOSED, Status.NOT_RECTIFIED)

    date = models.DateField(_("date"))
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="inspections",
        limit_choices_to=default_locale_q,
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.PROTECT,
        related_name="inspections",
        help_text=_("Filled in from the service periods: the firm serving the compound then."),
    )
    by_owners_association = models.BooleanField(_("owners' committee association"), default=True)
    by_firms_association = models.BooleanField(_("property-company association"), default=True)
    by_party_branch = models.BooleanField(_("compound-governance party branch"), default=True)
    summary = models.TextField(_("summary"), blank=True)
    rectification_deadline = models.DateField(
        _("rectification deadline"),
        null=True,
        blank=True,
        help_text=_("When the findings must be put right; empty if nothing needs rectifying."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NO_ACTION
    )
    recheck_on = models.DateField(_("re-checked on"), null=True, blank=True)
    recheck_result = models.CharField(
        _("re-check result"), max_length=20, choices=RecheckResult.choices, blank=True
    )
    recheck_note = models.TextField(_("re-check note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("compound")]),
        MultiFieldPanel(
            [
                FieldPanel("by_owners_association"),
                FieldPanel("by_firms_association"),
                FieldPanel("by_party_branch"),
            ],
            heading=_("Inspecting bodies"),
        ),
        FieldPanel("summary"),
        InlinePanel("findings", heading=_("Findings"), label=_("finding")),
        FieldPanel("rectification_deadline"),
        InlinePanel(
            "requirement_checks",
            heading=_("Work-letter requirements checked"),
            label=_("requirement"),
        ),
    ]

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-date", "-pk"]
        permissions = [("confirm_recheck", _("Can confirm or reject an inspection's re-check"))]
        indexes = [models.Index(fields=["firm", "date"]), models.Index(fields=["compound", "date"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.compound}"

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > today():
            errors["date"] = _("An inspection cannot be recorded before it has taken place.")
        if self.date and self.rectification_deadline and self.rectification_deadline < self.date:
            errors["rectification_deadline"] = _(
                "The deadline cannot be before the inspection date."
            )
        if not (self.by_owners_association or self.by_firms_association or self.by_party_branch):
            errors["by_firms_association"] = _("Tick at least one inspecting body.")
        if self.date and self.compound_id and not errors:
            firm = firm_serving(self.compound, self.date)
            if firm is None:
                errors["compound"] = _(
                    "No property firm served this compound on that date (see the service periods)."
                )
            else:
                self.firm = firm
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.firm_id and self.compound_id and self.date:
            self.firm = firm_serving(self.compound, self.date)
        if self.status in (self.Status.NO_ACTION, self.Status.RECTIFYING):
            # Until a re-check is proposed, the status follows whether anything is due.
            self.status = (
                self.Status.RECTIFYING if self.rectification_deadline else self.Status.NO_ACTION
            )
        super().save(*args, **kwargs)

    @property
    def bodies(self):
        names = []
        if self.by_firms_association:
            names.append(_("property-company association"))
        if self.by_owners_association:
            names.append(_("owners' committee association"))
        if self.by_party_branch:
            names.append(_("compound-governance party branch"))
        return names

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def closed_on(self):
        return self.recheck_on if self.status == self.Status.RECTIFIED else None

    def days_overdue(self, on=None):
        """Days the rectification is (or was, when confirmed late) past its deadline."""
        if not self.rectification_deadline or self.status == self.Status.NO_ACTION:
            return 0
        return days_overdue(self.rectification_deadline, closed_on=self.closed_on, on=on)

    # State changes: each checks who may make it and from which state, and records an event.

    def can_propose_recheck(self, user):
        return user.has_perm("inspections.change_inspection") and self.status in (
            self.Status.RECTIFYING,
            self.Status.NOT_RECTIFIED,
        )

    def can_decide_recheck(self, user):
        return (
            user.has_perm("inspections.confirm_recheck")
            and self.status == self.Status.RECHECK_PROPOSED
        )

    @transaction.atomic
    def propose_recheck(self, user, on, result, note=""):
        if not self.can_propose_recheck(user):
            raise TransitionRefused(_("This inspection has no rectification awaiting a re-check."))
        if on < self.date or on > today():
            raise TransitionRefused(
                _("The re-check date must be between the inspection and today.")
            )
        self.recheck_on, self.recheck_result, self.recheck_note = on, result, note
        self.status = self.Status.RECHECK_PROPOSED
        self.save(update_fields=["recheck_on", "recheck_result", "recheck_note", "status"])
        self.record(InspectionEvent.Action.RECHECK_PROPOSED, user, note)

    @transaction.atomic
    def decide_recheck(self, user, confirm, note=""):
        if not self.can_decide_recheck(user):
            raise TransitionRefused(_("Only a moderator can decide on a proposed re-check."))
        if confirm:
            self.status = self.Status(self.recheck_result)
            action = InspectionEvent.Action.RECHECK_CONFIRMED
        else:
            self.status = self.Status.RECTIFYING
            self.recheck_on, self.recheck_result = None, ""
            action = InspectionEvent.Action.RECHECK_REJECTED
        self.save(update_fields=["status", "recheck_on", "recheck_result"])
        self.record(action, user, note)

    def record(self, action, user, note=""):
        return InspectionEvent.objects.create(
            inspection=self,
            action=action,
            user=user if getattr(user, "pk", None) else None,
            user_name=(user.get_full_name() or user.get_username()) if user else "",
            status=self.status,
            note=note,
        )


class TransitionRefused(Exception):
    pass


class InspectionFinding(Orderable):
    inspection = ParentalKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    article = models.ForeignKey(
        "notices.RegulationArticle",
        verbose_name=_("article of the service rules"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=service_rules_q,
    )
    # Copied when saved: the finding still names its article if the rules are republished.
    article_label = models.CharField(_("article"), max_length=80, blank=True, editable=False)
    description = models.TextField(_("what was found"))
    photo = CleanPhotoField(
        _("photo"),
        upload_to="inspections/%Y/%m/",
        blank=True,
        help_text=_("JPEG, PNG or HEIC; its location and camera data are removed."),
    )

    panels = [FieldPanel("article"), FieldPanel("description"), FieldPanel("photo")]

    class Meta(Orderable.Meta):
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return self.description[:50]

    def save(self, *args, **kwargs):
        if self.article_id:
            self.article_label = self.article.label
        super().save(*args, **kwargs)

    def article_url(self, request=None):
        return self.article.get_url(request) if self.article_id else None


class RequirementCheckQuerySet(models.QuerySet):
    def standing_rows(self, key="item_id"):
        """(key, firm, status, inspected on, due date) in inspection order: what
        `requirement_standings` reads. `key` names the requirement (its id, or its position
        when a translated letter's requirements are matched to the checked ones)."""
        return self.order_by("inspection__date", "inspection_id").values_list(
            key, "inspection__firm_id", "status", "inspection__date", "item__due_date"
        )


class RequirementCheck(models.Model):
    """A firm's status on one requirement of a month's work letter, set at an inspection."""

    class Status(models.TextChoices):
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    inspection = ParentalKey(
        Inspection, on_delete=models.CASCADE, related_name="requirement_checks"
    )
    item = models.ForeignKey(
        "notices.WorkLetterItem",
        verbose_name=_("requirement"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=default_letter_items_q,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    objects = RequirementCheckQuerySet.as_manager()

    panels = [FieldRowPanel([FieldPanel("item"), FieldPanel("status")])]

    class Meta:
        verbose_name = _("work-letter requirement check")
        verbose_name_plural = _("work-letter requirement checks")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="unique_requirement_check")
        ]

    def __str__(self):
        return f"{self.item} · {self.get_status_display()}"


@dataclass(frozen=True)
class RequirementStanding:
    """Where one firm stands on one requirement, as its latest inspection found it.

    `days` is 逾期 N 天 while the requirement is not done past its due date, and the days it
    was late when a later inspection found it done after one had found it still not done past
    the due date (closed late). Otherwise a requirement found done is not judged late: the
    inspection date says when it was seen done, not when it was done.
    """

    status: str
    due: object
    checked_on: object
    days: int

    @property
    def overdue(self):
        return self.status == RequirementCheck.Status.NOT_DONE and self.days > 0

    @property
    def done_late(self):
        return self.status == RequirementCheck.Status.DONE and self.days > 0


def requirement_standings(rows, on=None):
    """{(key, firm id): RequirementStanding} from `RequirementCheck.objects.standing_rows()`:
    a later inspection's check replaces an earlier one."""
    latest, seen_late = {}, set()
    for key, firm_id, status, checked_on, due in rows:
        latest[(key, firm_id)] = (status, checked_on, due)
        if status == RequirementCheck.Status.NOT_DONE and due and checked_on > due:
            seen_late.add((key, firm_id))
    standings = {}
    for pair, (status, checked_on, due) in latest.items():
        if status == RequirementCheck.Status.NOT_DONE:
            days = days_overdue(due, on=on)
        elif status == RequirementCheck.Status.DONE and pair in seen_late:
            days = days_overdue(due, closed_on=checked_on)
        else:
            days = 0
        standings[pair] = RequirementStanding(status, due, checked_on, days)
    return standings


class InspectionEvent(models.Model):
    """Who changed an inspection's state, and when."""

    class Action(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        EDITED = "edited", _("Edited")
        RECHECK_PROPOSED = "recheck_proposed", _("Re-check proposed")
        RECHECK_CONFIRMED = "recheck_confirmed", _("Re-check confirmed")
        RECHECK_REJECTED = "recheck_rejected", _("Re-check rejected")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    status = models.CharField(_("status after"), max_length=20, choices=Inspection.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept when the account is deleted: the record must still say who acted.
    user_name = models.CharField(_("by"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("inspection event")
        verbose_name_plural = _("inspection events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.inspection} · {self.get_action_display()}"
