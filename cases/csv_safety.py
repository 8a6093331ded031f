"""Cells of exported CSV files that a spreadsheet must not run as a formula."""

# A cell starting with one of these is read as a formula by Excel, LibreOffice or WPS.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as text, prefixed with an apostrophe when it would start a formula."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
