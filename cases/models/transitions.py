"""What staff (and residents, through the survey) may do to a case, and what each step records.

Every step checks that the case may take it (a ValidationError otherwise), changes the case,
writes a CaseEvent (who, when, note) and, when the resident should know, queues a text message
for after the commit. The steps are a mixin of `Case` so that they read as its methods.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import OPEN_STATUSES, CaseStatus, Route
from .events import CaseEvent

# The words the resident reads for who holds the case (stored in the site's first language).
MEDIATION_HOLDER = "社区矛盾纠纷调解室"
ROUTABLE = (CaseStatus.ACCEPTED, CaseStatus.IN_HAND)


class CaseTransitions:
    def log(self, kind, *, user=None, note="", is_public=False, actor=None, from_status=""):
        """Record an event on this case and queue the resident's text if it warrants one."""
        event = CaseEvent.objects.create(
            case=self,
            kind=kind,
            user=user,
            actor=actor or (CaseEvent.Actor.STAFF if user else CaseEvent.Actor.SYSTEM),
            from_status=from_status,
            to_status=self.status,
            holder_label=self.holder_label,
            note=note,
            is_public=is_public,
        )
        event.enqueue_notification()
        return event

    def _require(self, allowed, action):
        if self.status not in allowed:
            raise ValidationError(
                _("A case that is “%(status)s” cannot be %(action)s.")
                % {"status": self.get_status_display(), "action": action}
            )

    def _move(self, to_status, kind, *, user, note="", actor=None, is_public=True, **fields):
        from_status = self.status
        self.status = to_status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save()
        return self.log(
            kind, user=user, note=note, is_public=is_public, actor=actor, from_status=from_status
        )

    # Triage ------------------------------------------------------------------------------

    @transaction.atomic
    def accept(self, user, due_date=None, note=""):
        """快受: take the report on, with the date by which it should be resolved."""
        self._require((CaseStatus.RECEIVED,), _("accepted"))
        now = timezone.now()
        if due_date is None:
            due_date = timezone.localdate(now) + datetime.timedelta(
                days=self.category.resolve_within_days
            )
        if due_date < timezone.localdate(now):
            raise ValidationError(_("The due date cannot be in the past."))
        return self._move(
            CaseStatus.ACCEPTED,
            CaseEvent.Kind.STATUS,
            user=user,
            note=note,
            accepted_at=now,
            due_date=due_date,
            holder_label=self.holder_label or self.community.name,
        )

    # Routes: each creates its own record; routing a case already in hand passes it on ------

    def _route(self, route, holder_label, user, note):
        self._require(ROUTABLE, _("routed"))
        kind = (
            CaseEvent.Kind.TRANSFER if self.status == CaseStatus.IN_HAND else CaseEvent.Kind.ROUTE
        )
        return self._move(
            CaseStatus.IN_HAND, kind, user=user, note=note, route=route, holder_label=holder_label
        )

    @transaction.atomic
    def route_to_firm(self, user, due_date=None, note=""):
        """A work order to the firm that manages the compound, which answers it."""
        from .routes import WorkOrder

        firm = self.compound.property_firm
        if firm is None:
            raise ValidationError(_("The compound has no property firm to send a work order to."))
        self._require(ROUTABLE, _("routed"))
        WorkOrder.objects.create(case=self, firm=firm, due_date=due_date or self.due_date)
        return self._route(Route.FIRM, firm.name, user, note)

    @transaction.atomic
    def route_to_hall(self, user, hall, held_on=None, parties="", note=""):
        """A 协商 session in a neighbourhood hall (邻里厅)."""
        from .routes import HallSession

        if not (hall or "").strip():
            raise ValidationError(_("Name the neighbourhood hall."))
        self._require(ROUTABLE, _("routed"))
        HallSession.objects.create(case=self, hall=hall.strip(), held_on=held_on, parties=parties)
        return self._route(Route.HALL, hall.strip(), user, note)

    @transaction.atomic
    def route_to_mediation(self, user, mediator_role="", parties="", note=""):
        """A dispute mediation case (纠纷调解), with its sessions and the 30-day check."""
        from .routes import Mediation

        self._require(ROUTABLE, _("routed"))
        Mediation.objects.update_or_create(
            case=self, defaults={"mediator_role": mediator_role, "parties": parties}
        )
        return self._route(Route.MEDIATION, MEDIATION_HOLDER, user, note)

    @transaction.atomic
    def route_to_meeting(self, user, agenda_text="", meeting=None, note=""):
        """An agenda item of the next joint meeting's draft (the draft is created if needed)."""
        from ..meetings import add_agenda_item, next_meeting
        from .routes import MeetingReferral

        self._require(ROUTABLE, _("routed"))
        meeting = meeting or next_meeting(self.community, user)
        agenda_text = (agenda_text or self.title).strip()
        add_agenda_item(meeting, agenda_text, self, user)
        MeetingReferral.objects.update_or_create(
            case=self,
            defaults={"meeting": meeting, "agenda_text": agenda_text, "follow_up": None},
        )
        return self._route(Route.MEETING, meeting.title, user, note)

    @transaction.atomic
    def transfer(self, user, holder_label, note=""):
        """转办: someone else holds the case now, and the resident is told who, by name."""
        self._require(ROUTABLE, _("passed on"))
        holder_label = (holder_label or "").strip()
        if not holder_label:
            raise ValidationError(_("Say who holds the case now."))
        return self._move(
            CaseStatus.IN_HAND,
            CaseEvent.Kind.TRANSFER,
            user=user,
            note=note,
            holder_label=holder_label,
        )

    # Outcome -----------------------------------------------------------------------------

    @transaction.atomic
    def resolve(self, user, outcome, note=""):
        """Done, with the outcome the public log shows; each reporter is asked if it holds."""
        from .surveys import SatisfactionSurvey

        self._require(ROUTABLE, _("resolved"))
        outcome = (outcome or "").strip()
        if not outcome:
            raise ValidationError(_("Write the outcome the public log will show."))
        event = self._move(
            CaseStatus.RESOLVED,
            CaseEvent.Kind.STATUS,
            user=user,
            note=note,
            resolved_at=timezone.now(),
            outcome_summary=outcome,
        )
        SatisfactionSurvey.ask(self)
        return event

    @transaction.atomic
    def close(self, user, note=""):
        self._require((CaseStatus.RESOLVED,), _("closed"))
        return self._move(
            CaseStatus.CLOSED, CaseEvent.Kind.STATUS, user=user, note=note, closed_at=timezone.now()
        )

    @transaction.atomic
    def reopen(self, by=None, note="", actor=None):
        """Back in hand: staff saw it is not done, or a reporter answered "not fixed"."""
        self._require((CaseStatus.RESOLVED, CaseStatus.CLOSED), _("reopened"))
        return self._move(
            CaseStatus.IN_HAND if self.route else CaseStatus.ACCEPTED,
            CaseEvent.Kind.STATUS,
            user=by,
            note=note,
            actor=actor,
            resolved_at=None,
            closed_at=None,
            reopened_count=self.reopened_count + 1,
        )

    @transaction.atomic
    def merge_into(self, target, user, note=""):
        """Fold this case into `target` (the same problem): its reports and supporters follow."""
        from .reports import CaseSupport, Report

        self._require(OPEN_STATUSES, _("merged"))
        if target.pk == self.pk:
            raise ValidationError(_("A case cannot be merged into itself."))
        if target.status not in OPEN_STATUSES:
            raise ValidationError(_("Merge only into a case that is still open."))
        if target.community_id != self.community_id:
            raise ValidationError(_("Merge only cases of the same community."))
        # The event first: it picks the reporters to text while their reports are still here.
        event = self._move(
            CaseStatus.MERGED,
            CaseEvent.Kind.MERGE,
            user=user,
            note=note or target.public_number,
            merged_into=target,
            holder_label=target.holder_label,
        )
        Report.objects.filter(case=self).update(case=target)
        already = CaseSupport.objects.filter(case=target).values("client_hash")
        CaseSupport.objects.filter(case=self, client_hash__in=already).delete()
        CaseSupport.objects.filter(case=self).update(case=target)
        type(self).objects.filter(merged_into=self).update(merged_into=target)
        target.log(
            CaseEvent.Kind.MERGE,
            user=user,
            note=_("Case %(number)s merged into this one.") % {"number": self.public_number},
        )
        return event

    # Notes that change no state ----------------------------------------------------------

    def add_note(self, user, note, is_public=False):
        return self.log(CaseEvent.Kind.NOTE, user=user, note=note, is_public=is_public)

    def add_resident_update(self, text):
        """A reporter's later words reach whoever holds the case (never public)."""
        return self.log(CaseEvent.Kind.RESIDENT_UPDATE, note=text, actor=CaseEvent.Actor.RESIDENT)
