"""Fill Dutch translations into locale/nl/LC_MESSAGES/django.po from a Python dict file.

Usage: python scripts/fill_translations.py TRANSLATIONS.py
The file defines `NL = {"English msgid": "Nederlandse vertaling", ...}`; for plurals the value is
a tuple (singular, plural). Only entries present in the catalogue are filled (run
`manage.py makemessages -l nl` first); the script lists msgids that are still untranslated.
"""

import runpy
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def main(path: str) -> int:
    translations = runpy.run_path(path)["NL"]
    po = polib.pofile(str(CATALOGUE), wrapwidth=100)
    for entry in po:
        value = translations.get(entry.msgid)
        if value is None:
            continue
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, tuple) else (value, value)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not (e.msgstr or any(e.msgstr_plural.values()))]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
