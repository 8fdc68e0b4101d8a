"""Cells a spreadsheet would run as formulas (CSV injection) are written inert, and read back.

Excel and LibreOffice treat a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula (`@SUM(…)` included), whatever the file's type. Such text gets a leading apostrophe,
which the programs show as plain text. A value that already starts with an apostrophe followed by
one of those characters gets one too, so `restore(neutralise(x)) == x` for every text: an export
imports back unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _looks_neutralised(value: str) -> bool:
    return value.startswith(QUOTE) and value[1:].startswith(FORMULA_STARTS)


def neutralise(value):
    """`value` safe for a spreadsheet cell: text that would start a formula gets an apostrophe.
    Numbers, dates and other non-text values are returned as they are."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _looks_neutralised(value)):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The text `neutralise` was given."""
    return value[1:] if isinstance(value, str) and _looks_neutralised(value) else value
