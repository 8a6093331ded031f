"""The history of a case: every change, who made it, when, and why."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import CaseStatus


class CaseEventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class CaseEvent(models.Model):
    class Actor(models.TextChoices):
        STAFF = "staff", _("Community staff")
        RESIDENT = "resident", pgettext_lazy("resident report", "Resident")
        FIRM = "firm", _("Property firm")
        SYSTEM = "system", _("System")

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        ROUTE = "route", _("Routed")
        NOTE = "note", _("Note")
        RESIDENT_UPDATE = "resident_update", _("Update from the resident")
        TRANSFER = "transfer", _("Passed on (转办)")
        SATISFACTION = "satisfaction", _("Satisfaction survey")
        MERGE = "merge", _("Merged")
        FIRM_ANSWER = "firm_answer", _("Answer from the property firm")
        OUTCOME = "outcome", _("Outcome recorded")

    # What the resident is texted about (when the event is public).
    NOTIFIED_KINDS = (Kind.STATUS, Kind.ROUTE, Kind.TRANSFER, Kind.MERGE)

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(_("actor"), max_length=10, choices=Actor.choices, default=Actor.STAFF)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(
        _("from status"), max_length=10, choices=CaseStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=10, choices=CaseStatus.choices, blank=True
    )
    holder_label = models.CharField(
        _("held by"),
        max_length=100,
        blank=True,
        help_text=_("Who held the case after this change, in the words the resident reads."),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    notified_at = models.DateTimeField(_("resident texted"), null=True, blank=True, editable=False)
    is_public = models.BooleanField(
        _("shown to the resident"),
        default=False,
        help_text=_("Public events appear on the status page and the public log; never names."),
    )

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case_id} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def notifies_resident(self):
        return self.is_public and self.kind in self.NOTIFIED_KINDS

    def enqueue_notification(self):
        """Text the case's reporters about this event once the transaction commits.

        Never inside the request: the task queue's worker sends it.
        """
        if not self.notifies_resident:
            return
        from ..tasks import notify_case_event

        # Who is texted is decided now: a merge re-points the reports right after this event.
        # Ids, not numbers, go into the queue, so no personal data lingers in task records.
        report_ids = list(self.case.reports.reachable().values_list("pk", flat=True))
        support_ids = list(self.case.supports.exclude(mobile="").values_list("pk", flat=True))
        if not report_ids and not support_ids:
            return
        event_id = self.pk
        transaction.on_commit(lambda: notify_case_event.enqueue(event_id, report_ids, support_ids))
