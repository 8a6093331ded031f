"""What residents are texted about their case. Run by background tasks, never in a request.

Each message names the reference the resident holds and who holds the case now, in the
language the report was made in. Everything goes through the site's one SMS interface.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from home import sms

from .models import CaseEvent, CaseStatus, CaseSupport, Report, SatisfactionSurvey

logger = logging.getLogger(__name__)
OUTCOME_CHARS = 60


def event_message(event, reference):
    """The text for one event, or "" when it is nothing the resident needs to hear about."""
    case = event.case
    values = {"reference": reference, "holder": event.holder_label, "number": case.public_number}
    if event.kind == CaseEvent.Kind.MERGE:
        target = case.merged_into
        values["number"] = target.public_number if target else event.note
        return (
            _(
                "Hemei Community: your report %(reference)s is handled together with the same "
                "problem as case %(number)s, now held by %(holder)s."
            )
            % values
        )
    if event.kind in (CaseEvent.Kind.ROUTE, CaseEvent.Kind.TRANSFER):
        return (
            _(
                "Hemei Community: your report %(reference)s is now held by %(holder)s, "
                "who will handle it."
            )
            % values
        )
    if event.to_status == CaseStatus.RECEIVED:
        return (
            _("Hemei Community: we have received your report. Your reference is %(reference)s.")
            % values
        )
    if event.to_status == CaseStatus.ACCEPTED and event.from_status == CaseStatus.RECEIVED:
        values["due"] = case.due_date.strftime("%m-%d") if case.due_date else ""
        return (
            _(
                "Hemei Community: your report %(reference)s has been accepted by %(holder)s "
                "and is due to be handled by %(due)s."
            )
            % values
        )
    if event.to_status == CaseStatus.RESOLVED:
        values["outcome"] = case.outcome_summary[:OUTCOME_CHARS]
        return (
            _("Hemei Community: your report %(reference)s has been resolved: %(outcome)s") % values
        )
    if event.from_status in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
        return (
            _(
                "Hemei Community: your report %(reference)s has been reopened "
                "and is held by %(holder)s."
            )
            % values
        )
    return ""


def _send(mobile, language, build):
    with translation.override(language or settings.LANGUAGE_CODE):
        message = build()
    if message:
        sms.send_sms(mobile, message)
    return bool(message)


def notify_case_event(event_id, report_ids, support_ids):
    """Text the chosen reporters and supporters once; a retried task sends nothing twice."""
    claimed = CaseEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return 0
    event = CaseEvent.objects.select_related("case__merged_into").get(pk=event_id)
    sent = 0
    for report in Report.objects.reachable().filter(pk__in=report_ids):
        try:
            sent += _send(
                report.reporter_mobile,
                report.language,
                lambda report=report: event_message(event, report.display_reference),
            )
        except Exception:
            logger.exception("SMS for case event %s to report %s failed", event_id, report.pk)
    for support in CaseSupport.objects.filter(pk__in=support_ids).exclude(mobile=""):
        try:
            sent += _send(
                support.mobile,
                settings.LANGUAGE_CODE,
                lambda: event_message(event, event.case.public_number),
            )
        except Exception:
            logger.exception("SMS for case event %s to a supporter failed", event_id)
    return sent


def public_base_url():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def survey_url(survey, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("cases:survey", kwargs={"token": survey.token})
    return public_base_url() + path


def send_survey(survey_id):
    """满意度回访: ask the reporter whether it is really fixed (once, even if retried)."""
    claimed = SatisfactionSurvey.objects.filter(
        pk=survey_id, sent_at__isnull=True, answered_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    survey = SatisfactionSurvey.objects.select_related("report").get(pk=survey_id)
    report = survey.report
    if report.anonymised_at or not report.reporter_mobile:
        return False
    url = survey_url(survey, report.language)
    return _send(
        report.reporter_mobile,
        report.language,
        lambda: (
            _(
                "Hemei Community: your report %(reference)s was marked resolved. Is it really "
                "fixed? Please tell us: %(url)s"
            )
            % {"reference": report.display_reference, "url": url}
        ),
    )
