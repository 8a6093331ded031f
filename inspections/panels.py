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

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from home.names import translated_names
from home.overdue import today
from notices.letter_extras import LetterItemExtra
from notices.models import WorkLetterPage
from rankings.grid_extras import GridExtra

from .models import Inspection, RequirementCheck, TrainingAttendance

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
    on = today()
    for row in rows:
        row.compound_name = compounds.get(row.compound_id, "")
        row.firm_name = firms.get(row.firm_id, "")
        row.overdue_days = row.days_overdue(on=on)
        row.finding_rows = [
            (finding, finding.article_url(request)) for finding in row.findings.all()
        ]
    return rows


def firm_panel(index, firm, request):
    inspections = Inspection.objects.filter(firm=firm)
    attendance = TrainingAttendance.objects.filter(firm=firm)
    return {
        "template": "inspections/includes/firm_panel.html",
        "inspections": listed(inspections, request),
        "counts": inspection_counts(inspections),
        "attendance": list(
            attendance.select_related("training").order_by("-training__date")[:TRAININGS_SHOWN]
        ),
        "attendance_counts": attendance.aggregate(
            attended=Count("pk", filter=Q(attended=True)),
            absent=Count("pk", filter=Q(attended=False)),
            staff=Sum("staff_count"),
        ),
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


def latest_statuses(checks):
    """{(item id, firm id): status}: a later inspection's check replaces an earlier one."""
    latest = {}
    for item_id, firm_id, status in checks.order_by(
        "inspection__date", "inspection_id"
    ).values_list("item_id", "inspection__firm_id", "status"):
        latest[(item_id, firm_id)] = status
    return latest


def letter_record(firm, request):
    """[(letter, url, {status: count}, [items not done])] for the newest letters checked."""
    letters = list(
        WorkLetterPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("-month")[:LETTERS_SHOWN]
    )
    checks = RequirementCheck.objects.filter(
        inspection__firm=firm, item__page__in=[letter.pk for letter in letters]
    ).select_related("item")
    items = {check.item_id: check.item for check in checks}
    by_letter = {}
    for (item_id, _firm_id), status in latest_statuses(checks).items():
        item = items[item_id]
        record = by_letter.setdefault(item.page_id, {"counts": {}, "not_done": []})
        record["counts"][status] = record["counts"].get(status, 0) + 1
        if status == RequirementCheck.Status.NOT_DONE:
            record["not_done"].append(item)
    return [
        {
            "letter": letter,
            "url": letter.get_url(request),
            "done": by_letter[letter.pk]["counts"].get(RequirementCheck.Status.DONE, 0),
            "not_done": by_letter[letter.pk]["not_done"],
            "not_applicable": by_letter[letter.pk]["counts"].get(
                RequirementCheck.Status.NOT_APPLICABLE, 0
            ),
        }
        for letter in letters
        if letter.pk in by_letter
    ]


def letter_item_extra(page, items, request):
    """How many of the firms checked met each requirement of the letter shown."""
    source = page
    if page.locale_id != Locale.get_default().pk:
        source = page.get_translation_or_none(Locale.get_default())
        if source is None:
            return None
        # A translated letter keeps its requirements in the same order as the original.
        source_ids = dict(source.items.values_list("sort_order", "pk"))
        to_shown = {source_ids.get(item.sort_order): item.pk for item in items}
    else:
        to_shown = {item.pk: item.pk for item in items}
    latest = latest_statuses(RequirementCheck.objects.filter(item__page=source))
    if not latest:
        return None
    met, checked, not_applicable = {}, {}, {}
    for (item_id, _firm_id), status in latest.items():
        if status == RequirementCheck.Status.NOT_APPLICABLE:
            not_applicable[item_id] = not_applicable.get(item_id, 0) + 1
            continue
        checked[item_id] = checked.get(item_id, 0) + 1
        if status == RequirementCheck.Status.DONE:
            met[item_id] = met.get(item_id, 0) + 1
    cells = {}
    for source_id, shown_id in to_shown.items():
        if source_id not in checked and source_id not in not_applicable:
            cells[shown_id] = _("Not checked yet")
            continue
        text = _("%(met)s of %(checked)s firms checked") % {
            "met": met.get(source_id, 0),
            "checked": checked.get(source_id, 0),
        }
        if not_applicable.get(source_id):
            text += " " + ngettext(
                "(%(count)s not applicable)",
                "(%(count)s not applicable)",
                not_applicable[source_id],
            ) % {"count": not_applicable[source_id]}
        cells[shown_id] = text
    return LetterItemExtra(_("Firms that met it (at inspection)"), cells)


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
