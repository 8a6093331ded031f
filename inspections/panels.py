"""What inspections and trainings add to other apps' pages, through their hooks:

- a firm's performance record (`firm_profile_panels`, rankings): its latest inspections with
  findings and rectification, its training attendance and its work-letter record;
- a compound's page (`compound_page_panels`, notices): its latest inspections;
- a work letter's page (`work_letter_item_extras`, notices): how many firms met each
  requirement;
- a month's score grid (`score_grid_row_extras`, rankings): each firm's inspections that month.

Each costs a fixed number of statements however many records there are.
"""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.names import translated_names
from home.overdue import today
from home.visibility import public_page_q
from notices.letter_extras import LetterItemExtra
from notices.models import RegulationArticle
from rankings.grid_extras import GridExtra

from .models import Inspection, RequirementCheck, TrainingAttendance, requirement_standings

INSPECTIONS_SHOWN = 10
TRAININGS_SHOWN = 12
LETTERS_SHOWN = 6


def inspection_counts(inspections):
    on = today()
    open_q = Q(status__in=Inspection.OPEN_STATUSES)
    return inspections.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(rectification_deadline__lt=on)),
    )


def listed(inspections, request):
    """The newest inspections with their findings, names in the visitor's language."""
    rows = list(inspections.for_listing()[:INSPECTIONS_SHOWN])
    compounds = translated_names({row.compound_id: row.compound for row in rows}.values())
    firms = translated_names({row.firm_id: row.firm for row in rows}.values())
    # A finding cites the Chinese article; an English reader is sent to its translation.
    article_urls = RegulationArticle.urls_in_active_language(
        {f.article_id: f.article for row in rows for f in row.findings.all()}.values(), request
    )
    on = today()
    for row in rows:
        row.compound_name = compounds.get(row.compound_id, "")
        row.firm_name = firms.get(row.firm_id, "")
        row.overdue_days = row.days_overdue(on=on)
        row.finding_rows = [
            (finding, article_urls.get(finding.article_id)) for finding in row.findings.all()
        ]
    return rows


def firm_panel(index, firm, request):
    inspections = Inspection.objects.filter(firm=firm)
    # Every attendance row in one statement: a dozen trainings a year, so few rows; the counts
    # are taken from them rather than from a second statement.
    attendance = list(
        TrainingAttendance.objects.filter(firm=firm)
        .select_related("training")
        .order_by("-training__date", "-training_id")
    )
    present = [row for row in attendance if row.attended]
    return {
        "template": "inspections/includes/firm_panel.html",
        "inspections": listed(inspections, request),
        "counts": inspection_counts(inspections),
        "attendance": attendance[:TRAININGS_SHOWN],
        "attendance_counts": {
            "present": len(present),
            "absent": len(attendance) - len(present),
            "staff": sum(row.staff_count for row in present),
        },
        "letters": letter_record(firm, request),
    }


def compound_panel(index, compound, request):
    inspections = Inspection.objects.filter(compound=compound)
    counts = inspection_counts(inspections)
    if not counts["total"]:
        return None
    return {
        "template": "inspections/includes/compound_panel.html",
        "inspections": listed(inspections, request),
        "counts": counts,
    }


def letter_record(firm, request):
    """[{letter, url, done, not_done: [items], not_applicable, overdue}] for the newest letters
    with a check of this firm, newest first; one statement. An item not done past its due date
    carries `overdue_days` (逾期 N 天)."""
    visible = Q(item__page__live=True) & public_page_q("item__page__")
    newest_letters = (
        RequirementCheck.objects.filter(visible, inspection__firm=firm)
        .order_by("-item__page__month")
        .values("item__page__month")
        .distinct()[:LETTERS_SHOWN]
    )
    checks = list(
        RequirementCheck.objects.filter(
            visible, inspection__firm=firm, item__page__month__in=newest_letters
        )
        .select_related("item__page", "inspection")
        .order_by("inspection__date", "inspection_id")
    )
    standings = requirement_standings(
        (check.item_id, firm.pk, check.status, check.inspection.date, check.item.due_date)
        for check in checks
    )
    items, letters = {}, {}
    for check in checks:
        items[check.item_id] = check.item
        letters[check.item.page_id] = check.item.page
    record = {
        page_id: {
            "letter": page,
            "done": 0,
            "not_done": [],
            "not_applicable": 0,
            "overdue": 0,
        }
        for page_id, page in letters.items()
    }
    for (item_id, _firm_id), standing in standings.items():
        item = items[item_id]
        row = record[item.page_id]
        if standing.status == RequirementCheck.Status.DONE:
            row["done"] += 1
        elif standing.status == RequirementCheck.Status.NOT_DONE:
            item.overdue_days = standing.days
            row["not_done"].append(item)
            row["overdue"] += standing.overdue
        else:
            row["not_applicable"] += 1
    rows = sorted(record.values(), key=lambda row: row["letter"].month, reverse=True)
    for row in rows:
        row["not_done"].sort(key=lambda item: (item.sort_order or 0, item.pk))
        row["url"] = row["letter"].get_url(request)
    return rows


def overdue_cell(text, days, firms):
    """The letter page's cell of a requirement some firms have not done past its due date."""
    return format_html(
        '{} <span class="label label-danger overdue">{}</span> {}',
        text,
        ngettext("Overdue %(days)s day", "Overdue %(days)s days", days) % {"days": days},
        ngettext("(%(count)s firm has not done it)", "(%(count)s firms have not done it)", firms)
        % {"count": firms},
    )


def letter_item_extra(page, items, request):
    """How many of the firms checked met each requirement of the letter shown, and which
    requirements are overdue: past their due date and not done at a firm's latest check.

    Checks point at the default-language letter's requirements; a translated letter keeps
    them in the same order, so they are matched by position. One statement.
    """
    rows = RequirementCheck.objects.filter(
        item__page__translation_key=page.translation_key
    ).standing_rows(key="item__sort_order")
    standings = requirement_standings(rows)
    if not standings:
        return None
    met, checked, not_applicable, late = {}, {}, {}, {}
    for (position, _firm_id), standing in standings.items():
        if standing.status == RequirementCheck.Status.NOT_APPLICABLE:
            not_applicable[position] = not_applicable.get(position, 0) + 1
            continue
        checked[position] = checked.get(position, 0) + 1
        if standing.status == RequirementCheck.Status.DONE:
            met[position] = met.get(position, 0) + 1
        elif standing.overdue:
            late.setdefault(position, []).append(standing)
    cells = {}
    for item in items:
        position = item.sort_order
        if position not in checked and position not in not_applicable:
            cells[item.pk] = _("Not checked yet")
            continue
        values = {
            "met": met.get(position, 0),
            "checked": checked.get(position, 0),
            "count": not_applicable.get(position, 0),
        }
        if values["count"]:
            text = _("%(met)s of %(checked)s firms checked (%(count)s not applicable)") % values
        else:
            text = _("%(met)s of %(checked)s firms checked") % values
        if position in late:
            text = overdue_cell(text, late[position][0].days, len(late[position]))
        cells[item.pk] = text
    summary = ""
    if late:
        firms = {firm_id for (position, firm_id), s in standings.items() if s.overdue}
        summary = ngettext(
            "%(count)s requirement is past its due date and not done",
            "%(count)s requirements are past their due dates and not done",
            len(late),
        ) % {"count": len(late)} + ngettext(
            " (%(count)s firm, as last inspected).",
            " (%(count)s firms, as last inspected).",
            len(firms),
        ) % {"count": len(firms)}
    return LetterItemExtra(_("Firms that met it (at inspection)"), cells, summary=summary)


def admin_edit_url(inspection):
    return reverse("wagtailsnippets_inspections_inspection:edit", args=[inspection.pk])


def grid_extra(month, firms):
    """Each firm's inspections in the grid's month, linked to their admin pages."""
    start = month.month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    inspections = (
        Inspection.objects.filter(date__gte=start, date__lt=end, firm__in=firms)
        .select_related("compound")
        .annotate(finding_count=Count("findings"))
        .order_by("date", "pk")
    )
    by_firm = {}
    for inspection in inspections:
        by_firm.setdefault(inspection.firm_id, []).append(inspection)
    cells = {}
    for firm in firms:
        rows = by_firm.get(firm.pk, [])
        if not rows:
            cells[firm.pk] = _("None this month")
            continue
        cells[firm.pk] = format_html(
            '<ul class="inspection-grid-list">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{} {}</a>: {} · {}</li>',
                (
                    (
                        admin_edit_url(row),
                        row.date.strftime("%m-%d"),
                        row.compound.name,
                        ngettext("%(count)s finding", "%(count)s findings", row.finding_count)
                        % {"count": row.finding_count},
                        row.get_status_display(),
                    )
                    for row in rows
                ),
            ),
        )
    return GridExtra(_("Inspections this month"), cells)
