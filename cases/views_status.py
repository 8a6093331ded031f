"""The reporter's side after sending: status look-up, status page with updates, the survey.

The status page is opened with the reference and the last four digits of the mobile
number (rate-limited per address and per reference, the same answer whether the reference
exists or not); then this browser may see it for the rest of the session.
"""

import logging

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from home import ratelimit

from .forms import ResidentUpdateForm, StatusLookupForm, SurveyForm
from .models import Report, SatisfactionSurvey
from .naming import localize_cases
from .reporting import grant_access, has_access

logger = logging.getLogger(__name__)

LOOKUP_IP = "report-status-ip"
LOOKUP_REFERENCE = "report-status-reference"
UPDATE_LIMIT = "report-update"


@sensitive_post_parameters("mobile_last_four")
@require_http_methods(["GET", "POST"])
def status_lookup(request):
    form = StatusLookupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ip = ratelimit.client_ip(request)
        reference = form.cleaned_data["reference"]
        if ratelimit.is_limited(LOOKUP_IP, ip) or ratelimit.is_limited(LOOKUP_REFERENCE, reference):
            form.add_error(
                None,
                _(
                    "Too many attempts. Please wait 15 minutes and try again, "
                    "or call the community office."
                ),
            )
            return TemplateResponse(
                request, "cases/public/status_lookup.html", {"form": form}, status=429
            )
        report = Report.objects.filter(reference=reference, anonymised_at__isnull=True).first()
        if report is not None and report.phone_matches(form.cleaned_data["mobile_last_four"]):
            grant_access(request.session, report.reference)
            return redirect("cases:status_detail", reference=report.reference)
        # The same words whether the reference exists or not.
        ratelimit.hit(LOOKUP_IP, ip)
        ratelimit.hit(LOOKUP_REFERENCE, reference)
        form.add_error(
            None,
            _(
                "We found no report with this reference and mobile number. "
                "Please check both and try again."
            ),
        )
    return TemplateResponse(request, "cases/public/status_lookup.html", {"form": form})


def _report_for(request, reference):
    if not has_access(request.session, reference):
        return None
    return (
        Report.objects.select_related("case", "case__category", "case__compound", "category")
        .filter(reference=reference, anonymised_at__isnull=True)
        .first()
    )


@require_http_methods(["GET", "POST"])
def status_detail(request, reference):
    report = _report_for(request, reference)
    if report is None:
        return redirect("cases:status_lookup")
    case = report.case
    # A merged report is followed through the case it joined.
    shown = case.merged_into if case.merged_into_id else case
    localize_cases([shown])
    form = ResidentUpdateForm(request.POST if request.method == "POST" else None)
    sent = False
    status = 200
    if request.method == "POST" and form.is_valid():
        if ratelimit.hit(UPDATE_LIMIT, report.reference):
            form.add_error(
                None, _("You have sent many updates today. Please call the community office.")
            )
            status = 429
        else:
            shown.add_resident_update(form.cleaned_data["note"])
            logger.info("Resident update on report %s", report.reference)
            return redirect(f"{request.path}?sent=1")
    sent = request.GET.get("sent") == "1"
    survey = (
        SatisfactionSurvey.objects.filter(report=report, answered_at__isnull=True)
        .order_by("-asked_at")
        .first()
    )
    context = {
        "report": report,
        "case": shown,
        "events": list(shown.events.filter(is_public=True).order_by("at", "pk")),
        "form": ResidentUpdateForm() if sent else form,
        "sent": sent,
        "survey": survey,
    }
    return TemplateResponse(request, "cases/public/status_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def survey(request, token):
    """满意度回访: opened from the SMS link; one answer per survey. "Not fixed" reopens the case."""
    survey = SatisfactionSurvey.objects.select_related("case", "report").filter(token=token).first()
    if survey is None:
        raise Http404(_("This survey link is not valid."))
    if survey.answered_at:
        return TemplateResponse(
            request, "cases/public/survey_done.html", {"survey": survey, "already": True}
        )
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        fixed = form.cleaned_data["fixed"] == SurveyForm.YES
        survey.record_answer(fixed, form.cleaned_data["score"], form.cleaned_data["comment"])
        logger.info("Survey answered for case %s (fixed: %s)", survey.case_id, fixed)
        return TemplateResponse(request, "cases/public/survey_done.html", {"survey": survey})
    return TemplateResponse(request, "cases/public/survey.html", {"survey": survey, "form": form})
