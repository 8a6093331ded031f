"""Spreadsheet cells that cannot run as formulas (CSV/formula injection).

A resident types a name such as `=HYPERLINK("http://…","点此")`; staff open the export in
Excel or WPS, which would run it. Every CSV and XLSX export passes its cells through
`safe_cell`: text starting with = + - @ or a tab or carriage return gets a leading apostrophe,
which spreadsheet programs show as text (OWASP's advice). Numbers are left as they are.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


def unescape_cell(text):
    """Undo `safe_cell` for a cell read back from an exported template."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


class SafeSpreadsheetExportMixin:
    """For Wagtail's list exports (reports, model viewsets): every value through `safe_cell`.

    Wagtail already writes XLSX formulas as text, but not CSV.
    """

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))
