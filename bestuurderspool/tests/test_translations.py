"""The Dutch catalogue is complete: CI regenerates it with makemessages first, so a string added
without a translation shows up here as untranslated."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]


def test_dutch_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_dutch_catalogue_keeps_python_format_placeholders():
    catalogue = polib.pofile(str(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    broken = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if "python-format" in entry.flags
        and not entry.msgid_plural
        and _placeholders(entry.msgid) != _placeholders(entry.msgstr)
    ]
    assert broken == []


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]", text))
