"""The public outcome log: anonymous cases, one page per case, and the monthly figures.

Only what staff wrote for the public is shown: category, compound, dates, route, who holds
it in words, status and the outcome summary. No reporter's name, number, text or photo ever
reaches these pages. Each listing costs the same number of statements however many cases
there are (names in the visitor's language come from one mapping per model).
"""

import datetime
import re

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from home.models import Compound
from home.pagination import paginate

from .figures import available_months, month_bounds, monthly_figures, public_cases
from .forms import category_choices, compound_choices
from .models import CaseCategory, CaseStatus
from .naming import localize_cases

MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
PER_PAGE = 20


def parse_month(value):
    """A `YYYY-MM` query value as the first day of that month, or None for anything else."""
    match = MONTH_RE.fullmatch(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2999 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


class LogFilters:
    """The log's filters, read from the query string; an unknown value is ignored."""

    def __init__(self, params):
        self.compounds = dict(
            Compound.objects.filter(
                pk__in=[int(pk) for pk, _name in compound_choices()]
            ).values_list("slug", "pk")
        )
        self.categories = dict(
            CaseCategory.objects.filter(
                pk__in=[int(pk) for pk, _name in category_choices()]
            ).values_list("slug", "pk")
        )
        self.compound = (
            params.get("compound", "") if params.get("compound") in self.compounds else ""
        )
        self.category = (
            params.get("category", "") if params.get("category") in self.categories else ""
        )
        self.month = parse_month(params.get("month"))
        status = params.get("status", "")
        self.status = status if status in {"open", "resolved"} else ""

    def apply(self, cases):
        if self.compound:
            cases = cases.filter(compound_id=self.compounds[self.compound])
        if self.category:
            cases = cases.filter(category_id=self.categories[self.category])
        if self.month:
            start, end = month_bounds(self.month)
            cases = cases.filter(received_at__gte=start, received_at__lt=end)
        if self.status == "open":
            cases = cases.open()
        elif self.status == "resolved":
            cases = cases.filter(status__in=(CaseStatus.RESOLVED, CaseStatus.CLOSED))
        return cases

    def query(self):
        values = {
            "compound": self.compound,
            "category": self.category,
            "month": self.month.strftime("%Y-%m") if self.month else "",
            "status": self.status,
        }
        return urlencode({k: v for k, v in values.items() if v})


def outcome_log(request):
    filters = LogFilters(request.GET)
    cases = filters.apply(public_cases()).select_related("category", "compound")
    page_obj = paginate(request, cases.order_by("-received_at", "-pk"), per_page=PER_PAGE)
    localize_cases(page_obj.object_list)
    context = {
        "page_obj": page_obj,
        "filters": filters,
        "query": filters.query(),
        "compound_options": compound_choices_by_slug(filters),
        "category_options": category_choices_by_slug(filters),
        "months": available_months(),
    }
    return TemplateResponse(request, "cases/public/log.html", context)


def compound_choices_by_slug(filters):
    names = dict(compound_choices())
    return [(slug, names[str(pk)]) for slug, pk in filters.compounds.items()]


def category_choices_by_slug(filters):
    names = dict(category_choices())
    return [(slug, names[str(pk)]) for slug, pk in filters.categories.items()]


def log_detail(request, public_number):
    case = (
        public_cases()
        .select_related("category", "compound", "compound__property_firm")
        .filter(public_number=public_number)
        .first()
    )
    if case is None:
        raise Http404(_("There is no public report with this number."))
    localize_cases([case])
    events = list(case.events.filter(is_public=True).order_by("at", "pk"))
    return TemplateResponse(
        request, "cases/public/log_entry.html", {"case": case, "events": events}
    )


def figures(request):
    months = available_months()
    month = parse_month(request.GET.get("month")) or (months[0] if months else None)
    if month is None:
        month = timezone.localdate().replace(day=1)
    context = {"month": month, "months": months, "figures": monthly_figures(month)}
    return TemplateResponse(request, "cases/public/figures.html", context)
