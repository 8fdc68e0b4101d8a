"""Cells a spreadsheet would run as formulas (CSV injection) are written inert, and read back.

Excel and LibreOffice treat a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula (`@SUM(…)` included), whatever the file's type. Such text gets a leading apostrophe,
which the programs show as plain text. Text that starts with apostrophes before one of those
characters gets one more too, so `restore(neutralise(x)) == x` for every text: an export imports
back unchanged.
"""

import re

QUOTE = "'"
#: Apostrophes (none or more) before a formula character: what `neutralise` quotes once more.
_QUOTED_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(value):
    """`value` safe for a spreadsheet cell: text that would start a formula gets an apostrophe.
    Numbers, dates and other non-text values are returned as they are."""
    if isinstance(value, str) and _QUOTED_FORMULA.match(value):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The text `neutralise` was given."""
    if isinstance(value, str) and value.startswith(QUOTE) and _QUOTED_FORMULA.match(value):
        return value[1:]
    return value
