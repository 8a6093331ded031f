"""Importing a month's scores from a CSV or XLSX sheet: every error by row and column.

The sheet has one header row: the firm column, one column per criterion of the month (by
name, as frozen into the month), then an optional remarks column. A firm row whose score
cells are all empty means "not assessed". Nothing is written unless the whole sheet is valid.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from home.exports import safe_row, unescape_cell

from .scoresheet import FirmEntry

MAX_ROWS = 500


@dataclass(frozen=True)
class SheetError:
    row: int  # 1-based, as a spreadsheet shows it; the header is row 1
    column: str
    message: str


class SheetInvalid(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def header_for(criteria):
    """The template header, in Chinese whatever the admin language, like the criteria."""
    return ["物业公司"] + [criterion.name for criterion in criteria] + ["检查意见"]


FIRM_HEADERS = {"物业公司", "property firm", "firm"}
REMARKS_HEADERS = {"检查意见", "inspector remarks", "remarks"}


def read_table(uploaded):
    """Rows of cell strings from an uploaded .csv or .xlsx file."""
    name = (uploaded.name or "").lower()
    if name.endswith(".xlsx"):
        return _unescaped(_read_xlsx(uploaded))
    if name.endswith(".csv"):
        return _unescaped(_read_csv(uploaded))
    raise SheetInvalid([SheetError(0, "", _("Upload a .csv or .xlsx file."))])


def _unescaped(rows):
    """A template we wrote comes back with its formula-safe cells as they were typed."""
    return [[unescape_cell(cell) for cell in row] for row in rows]


def _read_csv(uploaded):
    raw = uploaded.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetInvalid([SheetError(0, "", _("The file is not readable text (UTF-8 or GBK)."))])
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _read_xlsx(uploaded):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetInvalid(
            [SheetError(0, "", _("The file is not a valid XLSX workbook."))]
        ) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if cell is None else str(cell).strip() for cell in row])
    workbook.close()
    return rows


def parse_sheet(rows, criteria, firms):
    """FirmEntry per firm row, or SheetInvalid listing every error.

    `firms`: the month's firms (default language); a row names one by name or slug.
    """
    errors = []
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise SheetInvalid([SheetError(1, "", _("The file is empty."))])
    if len(rows) > MAX_ROWS:
        raise SheetInvalid([SheetError(0, "", _("The file has too many rows."))])
    header = rows[0]
    columns = {}  # column index -> criterion or marker
    by_name = {criterion.name: criterion for criterion in criteria}
    by_name.update(
        {criterion.name_en.lower(): criterion for criterion in criteria if criterion.name_en}
    )
    firm_index = remarks_index = None
    for index, title in enumerate(header):
        key = title.strip()
        if key.lower() in FIRM_HEADERS:
            firm_index = index
        elif key.lower() in REMARKS_HEADERS:
            remarks_index = index
        elif key in by_name or key.lower() in by_name:
            columns[index] = by_name.get(key) or by_name[key.lower()]
        elif key:
            errors.append(SheetError(1, key, _("Unknown column.")))
    if firm_index is None:
        errors.append(SheetError(1, "物业公司", _("The firm column is missing.")))
    for criterion in criteria:
        if criterion not in columns.values():
            errors.append(SheetError(1, criterion.name, _("This criterion's column is missing.")))
    if errors:
        raise SheetInvalid(errors)

    firm_lookup = {}
    for firm in firms:
        firm_lookup[firm.name] = firm
        firm_lookup[firm.slug] = firm
    seen = {}
    entries = []
    for row_number, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(header) - len(row))
        firm_name = cells[firm_index].strip()
        firm = firm_lookup.get(firm_name)
        if not firm_name:
            errors.append(SheetError(row_number, "物业公司", _("The firm is missing.")))
        elif firm is None:
            errors.append(
                SheetError(
                    row_number, "物业公司", _("Unknown firm “%(name)s”.") % {"name": firm_name}
                )
            )
        elif firm.pk in seen:
            errors.append(
                SheetError(
                    row_number,
                    "物业公司",
                    _("Duplicate firm: already on row %(row)s.") % {"row": seen[firm.pk]},
                )
            )
        else:
            seen[firm.pk] = row_number
        scores = {}
        missing = []
        for index, criterion in columns.items():
            raw = cells[index].strip()
            if not raw:
                missing.append(criterion)
                continue
            value, message = parse_score(raw, criterion)
            if message:
                errors.append(SheetError(row_number, criterion.name, message))
            else:
                scores[criterion.pk] = value
        if missing and len(missing) < len(columns):
            for criterion in missing:
                errors.append(SheetError(row_number, criterion.name, _("The score is missing.")))
        remarks = cells[remarks_index].strip() if remarks_index is not None else ""
        if firm is not None and not missing:
            entries.append(FirmEntry(firm, scores, remarks))
        elif firm is not None and len(missing) == len(columns):
            entries.append(FirmEntry(firm, {}, remarks))  # not assessed this month
    if errors:
        raise SheetInvalid(errors)
    return entries


def missing_firms(entries, firms):
    """The month's firms the sheet does not list, by name: the import leaves them as they are.

    A sheet that silently leaves out a firm once dropped a month's first place, so the
    import asks the editor to confirm these before saving.
    """
    listed = {entry.firm.pk for entry in entries}
    return sorted((firm for firm in firms if firm.pk not in listed), key=lambda firm: firm.name)


def parse_score(raw, criterion):
    """(Decimal, None) or (None, error message) for one cell."""
    try:
        value = Decimal(raw.replace("，", ".").replace(",", "."))
    except InvalidOperation:
        return None, _("“%(value)s” is not a number.") % {"value": raw}
    if not value.is_finite():
        return None, _("“%(value)s” is not a number.") % {"value": raw}
    if value < 0:
        return None, _("A score cannot be negative.")
    if value > criterion.max_score:
        return None, _("%(value)s is above the maximum of %(max)s.") % {
            "value": raw,
            "max": criterion.max_score,
        }
    if value != value.quantize(Decimal("0.1")):
        return None, _("Use at most one decimal place.")
    return value.quantize(Decimal("0.1")), None


def template_rows(criteria, firms, entries=None):
    """Header plus one row per firm, pre-filled with any scores already entered."""
    entries = entries or {}
    rows = [header_for(criteria)]
    for firm in firms:
        assessment = entries.get(firm.pk)
        scores = {s.criterion_id: s.value for s in assessment.scores.all()} if assessment else {}
        rows.append(
            [firm.name]
            + [str(scores.get(c.pk, "")) for c in criteria]
            + [assessment.remarks if assessment else ""]
        )
    return rows


def write_csv(rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(safe_row(row) for row in rows)
    return buffer.getvalue().encode("utf-8")


def write_xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "scores"
    for row in rows:
        sheet.append(safe_row(row))
    sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
