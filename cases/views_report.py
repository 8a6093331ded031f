"""The report form: 1 what and where, 2 the same problem already reported?, 3 details; done.

Works without JavaScript: every step is a plain form POST that redirects. Personal data
arrives only with step 3's POST and never appears in a URL; the views are marked sensitive
so that error reports leave it out.
"""

import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from home import ratelimit
from home.models import Compound

from .forms import FORM_TOKEN_RE, DetailsForm, StartForm, SupportForm
from .models import Case, CaseCategory, Report
from .naming import localize_cases
from .reporting import (
    ReportState,
    add_support,
    grant_access,
    has_access,
    similar_open_cases,
    submit_report,
)

logger = logging.getLogger(__name__)

PERSONAL_FIELDS = ("reporter_name", "reporter_mobile", "relation", "description", "location")
RATE_LIMITED = "report-ip"
SUPPORT_LIMITED = "report-support-ip"
DETAILS_TEMPLATE = "cases/public/report_details.html"


def _chosen(state):
    """Step 1's category and compound, or (None, None) if missing or gone since."""
    category = CaseCategory.objects.filter(pk=state.get("category") or 0, active=True).first()
    compound = Compound.objects.filter(pk=state.get("compound") or 0).first()
    if category is None or compound is None:
        return None, None
    return category, compound


def _labels(category, compound):
    """The two step-1 answers in the resident's language."""
    from .forms import category_choices, compound_choices

    categories, compounds = dict(category_choices()), dict(compound_choices())
    return {
        "category_name": categories.get(str(category.pk), category.name),
        "compound_name": compounds.get(str(compound.pk), compound.name),
    }


@require_http_methods(["GET", "POST"])
def report_start(request):
    state = ReportState(request)
    if request.method == "POST":
        form = StartForm(request.POST)
        if form.is_valid():
            state.update(
                category=form.cleaned_data["category"], compound=form.cleaned_data["compound"]
            )
            return redirect("cases:report_similar")
    else:
        initial = {"category": state.get("category"), "compound": state.get("compound")}
        form = StartForm(initial=initial)
    return TemplateResponse(request, "cases/public/report_start.html", {"form": form, "step": 1})


def report_similar(request):
    """Step 2: open reports of the same compound and category, each with a "me too" button.

    Skipped (straight to step 3) when there is none.
    """
    state = ReportState(request)
    category, compound = _chosen(state)
    if category is None:
        return redirect("cases:report_start")
    similar = similar_open_cases(compound.pk, category.pk)
    if not similar:
        return redirect("cases:report_details")
    context = {"step": 2, "similar": similar, **_labels(category, compound)}
    return TemplateResponse(request, "cases/public/report_similar.html", context)


@require_POST
def report_support(request):
    """ "Me too" (我也遇到) on an open report instead of filing the same problem again."""
    form = SupportForm(request.POST)
    case = None
    if form.is_valid():
        case = Case.objects.public().open().filter(public_number=form.cleaned_data["case"]).first()
    if case is None:
        return redirect("cases:report_similar")
    ip = ratelimit.client_ip(request)
    if ratelimit.hit(SUPPORT_LIMITED, ip):
        return TemplateResponse(
            request, "cases/public/support_done.html", {"case": case, "limited": True}, status=429
        )
    added = add_support(case, ip)
    ReportState(request).clear()
    return TemplateResponse(
        request, "cases/public/support_done.html", {"case": case, "added": added}
    )


@sensitive_post_parameters(*PERSONAL_FIELDS)
@require_http_methods(["GET", "POST"])
def report_details(request):
    state = ReportState(request)
    category, compound = _chosen(state)
    if category is None:
        token = request.POST.get("form_token", "")
        if request.method == "POST" and FORM_TOKEN_RE.fullmatch(token):
            # A resubmission after the first copy went through (and cleared the steps).
            report = Report.objects.filter(form_token=token).first()
            if report is not None and has_access(request.session, report.reference):
                return redirect("cases:report_done", reference=report.reference)
        return redirect("cases:report_start")
    context = {"step": 3, **_labels(category, compound)}
    if request.method == "GET":
        form = DetailsForm(initial={"form_token": state.form_token()})
        return TemplateResponse(
            request, "cases/public/report_details.html", {**context, "form": form}
        )

    form = DetailsForm(request.POST, request.FILES)
    if not form.is_valid():
        return TemplateResponse(
            request, "cases/public/report_details.html", {**context, "form": form}
        )
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(RATE_LIMITED, ip):
        logger.warning("Report refused: rate limit reached")
        form.add_error(
            None,
            _(
                "Too many reports have been sent from here. Please try again later, "
                "or call the community office."
            ),
        )
        return TemplateResponse(request, DETAILS_TEMPLATE, {**context, "form": form}, status=429)
    report, created = submit_report(form, category, compound)
    if created:
        ratelimit.hit(RATE_LIMITED, ip)
        logger.info("Report %s received for case %s", report.reference, report.case_id)
    state.clear()
    grant_access(request.session, report.reference)
    return redirect("cases:report_done", reference=report.reference)


def report_done(request, reference):
    report = (
        Report.objects.select_related("case__category", "case__compound", "category")
        .filter(reference=reference, anonymised_at__isnull=True)
        .first()
    )
    if report is None or not has_access(request.session, reference):
        return redirect("cases:status_lookup")
    localize_cases([report.case])
    return TemplateResponse(request, "cases/public/report_done.html", {"report": report})
