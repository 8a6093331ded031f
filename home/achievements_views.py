"""The achievements page (工作成效) and its CSV: every figure counted by the app that owns it.

A plain route (/achievements/, /en/achievements/) rather than a page type: its content is
only the registry's figures (home/achievements.py), so there is nothing for editors to write
and no prose a figure could be typed into. Home imports no feature; the figures come through
the `achievement_figures` hook.
"""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .achievements import achievement_figures
from .exports import safe_row

MAX_MONTHS_SHOWN = 24  # the page's table; the CSV carries every month


def month_columns(figures):
    """Every month any figure has, oldest first."""
    return sorted({month for figure in figures for month in figure.monthly})


@require_GET
def achievements(request):
    figures = achievement_figures()
    months = month_columns(figures)
    shown = list(reversed(months))[:MAX_MONTHS_SHOWN]
    rows = [
        {"month": month, "counts": [figure.monthly.get(month, 0) for figure in figures]}
        for month in shown
    ]
    return TemplateResponse(
        request,
        "home/achievements.html",
        {"figures": figures, "rows": rows, "more_months": len(months) > len(shown)},
    )


@require_GET
def achievements_csv(request):
    figures = achievement_figures()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="achievements.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(safe_row([_("Month")] + [figure.label for figure in figures]))
    # The stable keys too, so a spreadsheet built on the CSV survives a relabelling.
    writer.writerow(safe_row(["key"] + [figure.key for figure in figures]))
    for month in month_columns(figures):
        writer.writerow(safe_row([month] + [figure.monthly.get(month, 0) for figure in figures]))
    writer.writerow(safe_row([_("All months")] + [figure.total for figure in figures]))
    return response
