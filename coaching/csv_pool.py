"""The pool as CSV: one row per coach, multi-valued cells separated by ";".

    email,first_name,last_name,home_municipality,gender,party,languages,capacity,themes,
    availability,observes,status,paused_until,former_roles,conflict_municipalities,conflict_people

Former roles: `background:place:years`, e.g. `ex_wethouder:Utrecht:2010-2018;ex_gedeputeerde:Gelderland:2019-`
(place: a municipality, or for gedeputeerden a province). People in conflict: `name <email>` or
either. Parsing checks every row first and returns every problem with its line; the import
writes nothing unless the whole file is right.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from bestuurderspool.municipalities.models import Municipality, Party, Province
from bestuurderspool.municipalities.names import normalise
from bestuurderspool.spreadsheet_cells import neutralise, restore

from .enums import Background, DayPart, Gender, Theme
from .models import CoachStatus

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "home_municipality",
    "gender",
    "party",
    "languages",
    "capacity",
    "themes",
    "availability",
    "observes",
    "status",
    "paused_until",
    "former_roles",
    "conflict_municipalities",
    "conflict_people",
]
MAX_CAPACITY = 10
#: Limits of one file: no sensible cell is longer (a long list of former roles or conflicts fits
#: easily), and 10,000 coaches is many times any pool. The upload itself is at most 1 MB.
MAX_CELL_LENGTH = 2_000
MAX_ROWS = 10_000
LANGUAGES = {"nl", "en", "fy", "de", "fr", "pap"}
_YEARS = re.compile(r"^(\d{4})?-(\d{4})?$|^(\d{4})$")
_PERSON = re.compile(r"^(?P<name>[^<]*?)\s*(?:<(?P<email>[^>]+)>)?$")


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class CoachRow:
    line: int
    email: str
    first_name: str
    last_name: str
    home_municipality: Municipality
    gender: str
    party: Party | None
    local_party: str
    languages: list[str]
    capacity: int
    themes: list[str]
    availability: list[str]
    observes: bool
    status: str
    paused_until: date | None
    former_roles: list[dict] = field(default_factory=list)
    conflict_municipalities: list[Municipality] = field(default_factory=list)
    conflict_people: list[tuple[str, str]] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


class _RowParser:
    """Parses one row, collecting every problem instead of stopping at the first."""

    def __init__(self, line: int, row: dict, lookups):
        self.line, self.row, self.lookups, self.errors = line, row, lookups, []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def text(self, column: str, *, required=False, max_length=150) -> str:
        value = (self.row.get(column) or "").strip()
        if required and not value:
            self.error(column, _("This column is required."))
        if len(value) > max_length or "\x00" in value:
            self.error(column, _("Too long or contains a character that is not allowed."))
        return value

    def codes(self, column: str, allowed) -> list[str]:
        values = _split(self.row.get(column, ""))
        for value in values:
            if value not in allowed:
                self.error(column, _("Unknown value “%(value)s”.") % {"value": value})
        return [value for value in values if value in allowed]

    def municipality(self, column: str, name: str) -> Municipality | None:
        found = self.lookups.municipality(name)
        if found is None:
            self.error(column, _("Unknown municipality “%(name)s”.") % {"name": name})
        return found

    def parse(self) -> CoachRow | None:
        email = self.text("email", required=True, max_length=254).lower()
        try:
            validate_email(email)
        except ValidationError:
            self.error("email", _("“%(email)s” is not a valid email address.") % {"email": email})
        home_name = self.text("home_municipality", required=True)
        home = self.municipality("home_municipality", home_name) if home_name else None
        capacity = self._capacity()
        party_text = self.text("party")
        party = self.lookups.party(party_text)
        gender = self.text("gender")
        if gender and gender not in Gender.values:
            self.error("gender", _("Unknown value “%(value)s”.") % {"value": gender})
        status = self.text("status") or CoachStatus.ACTIVE
        if status not in CoachStatus.values:
            self.error("status", _("Unknown value “%(value)s”.") % {"value": status})
        row = CoachRow(
            line=self.line,
            email=email,
            first_name=self.text("first_name", required=True),
            last_name=self.text("last_name", required=True),
            home_municipality=home,
            gender=gender if gender in Gender.values else "",
            party=party,
            local_party="" if party or not party_text else party_text,
            languages=self.codes("languages", LANGUAGES),
            capacity=capacity,
            themes=self.codes("themes", Theme.values),
            availability=self.codes("availability", DayPart.values),
            observes=self._bool("observes"),
            status=status,
            paused_until=self._date("paused_until"),
            former_roles=self._former_roles(),
            conflict_municipalities=[
                m
                for name in _split(self.row.get("conflict_municipalities", ""))
                if (m := self.municipality("conflict_municipalities", name))
            ],
            conflict_people=self._people(),
        )
        return None if self.errors else row

    def _capacity(self) -> int:
        value = self.text("capacity", required=True)
        if not value.isdigit() or not 0 <= int(value) <= MAX_CAPACITY:
            if value:
                self.error("capacity", _("Capacity must be a whole number from 0 to %(max)s.") % {"max": MAX_CAPACITY})
            return 0
        return int(value)

    def _bool(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in ("", "yes", "no", "ja", "nee", "true", "false", "1", "0"):
            self.error(column, _("Use yes or no."))
        return value in ("yes", "ja", "true", "1")

    def _date(self, column: str) -> date | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.error(column, _("Use a date like 2027-01-31."))
            return None

    def _former_roles(self) -> list[dict]:
        roles = []
        for item in _split(self.row.get("former_roles", "")):
            background, _sep, rest = item.partition(":")
            place, _sep, years = rest.rpartition(":") if rest.count(":") else (rest, "", "")
            if background not in Background.values:
                self.error("former_roles", _("Unknown value “%(value)s”.") % {"value": background})
                continue
            roles.append({"background": background, **self._place(place), **self._years(years)})
        return roles

    def _place(self, place: str) -> dict:
        if not place:
            return {"municipality": None, "province": None}
        province = self.lookups.province(place)
        if province is not None:
            return {"municipality": None, "province": province}
        return {"municipality": self.municipality("former_roles", place), "province": None}

    def _years(self, years: str) -> dict:
        match = _YEARS.match(years.strip()) if years.strip() else None
        if years.strip() and not match:
            self.error("former_roles", _("Use years like 2010-2018 or 2019-."))
            return {"start_year": None, "end_year": None}
        if match is None:
            return {"start_year": None, "end_year": None}
        start, end, single = match.groups()
        start, end = int(start or single or 0) or None, int(end or single or 0) or None
        if start and end and end < start:
            self.error("former_roles", _("The end year comes before the start year."))
        return {"start_year": start, "end_year": end}

    def _people(self) -> list[tuple[str, str]]:
        people = []
        for item in _split(self.row.get("conflict_people", "")):
            match = _PERSON.match(item)
            people.append((match["name"].strip(), (match["email"] or "").strip().lower()))
        return people


class _Lookups:
    """Reference data loaded once per file."""

    def __init__(self):
        self.parties = {normalise(p.short_name): p for p in Party.objects.all()}
        self.provinces = {}
        for province in Province.objects.all():
            self.provinces[normalise(province.name)] = province
            if province.alt_name:
                self.provinces[normalise(province.alt_name)] = province
        self._municipalities = {}

    def party(self, name: str) -> Party | None:
        return self.parties.get(normalise(name)) if name else None

    def province(self, name: str) -> Province | None:
        return self.provinces.get(normalise(name))

    def municipality(self, name: str) -> Municipality | None:
        key = normalise(name)
        if key not in self._municipalities:
            self._municipalities[key] = Municipality.objects.lookup(name)
        return self._municipalities[key]


def parse_pool_csv(content: str, *, progress=None) -> tuple[list[CoachRow], list[RowError]]:
    """Every row parsed, or every problem found (line numbers count the header as line 1).
    `progress(done, total)` is called every 100 rows, for a page that shows how far a large
    file is."""
    reader = csv.DictReader(io.StringIO(content))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error:
        return [], [_unreadable(1)]
    missing = [
        column
        for column in ("email", "first_name", "last_name", "home_municipality", "capacity")
        if column not in fieldnames
    ]
    if missing:
        return [], [RowError(1, ", ".join(missing), _("These columns are missing from the header."))]
    lookups, rows, errors, seen = _Lookups(), [], [], {}
    total = max(content.count("\n"), 1)
    line = 1
    try:
        for line, raw in enumerate(reader, start=2):
            if line - 1 > MAX_ROWS:
                errors.append(RowError(line, "", _("A file holds at most %(max)s coaches.") % {"max": MAX_ROWS}))
                break
            if progress and line % 100 == 0:
                progress(line - 1, total)
            _parse_row(line, raw, lookups, rows, errors, seen)
    except csv.Error:
        errors.append(_unreadable(line + 1))
    if not rows and not errors:
        errors.append(RowError(1, "", _("The file has no coaches.")))
    return rows, errors


def _unreadable(line: int) -> RowError:
    return RowError(
        line,
        "",
        _("This line cannot be read: a cell is longer than %(max)s characters or a quote is not closed.")
        % {"max": MAX_CELL_LENGTH},
    )


def _parse_row(line, raw, lookups, rows, errors, seen) -> None:
    too_long = [
        column or _("(extra column)")
        for column, value in raw.items()
        if sum(len(part or "") for part in (value if isinstance(value, list) else [value])) > MAX_CELL_LENGTH
    ]
    if too_long:
        message = _("This cell is longer than %(max)s characters.") % {"max": MAX_CELL_LENGTH}
        errors.extend(RowError(line, column, message) for column in too_long)
        return
    # The export neutralises cells a spreadsheet would run as formulas; read them back as typed.
    raw = {column: restore(value) if isinstance(value, str) else value for column, value in raw.items()}
    parser = _RowParser(line, raw, lookups)
    row = parser.parse()
    errors.extend(parser.errors)
    email = (raw.get("email") or "").strip().lower()
    if email in seen:
        errors.append(RowError(line, "email", _("The email address is also on line %(line)s.") % {"line": seen[email]}))
    seen.setdefault(email, line)
    if row is not None:
        rows.append(row)


def export_pool_csv(coaches) -> str:
    """The pool in the import format, so export → import changes nothing. Cells a spreadsheet
    would run as a formula are neutralised (`bestuurderspool.spreadsheet_cells`). `coaches` as
    `coaching.selectors.pool.pool_for_export` gives them."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for coach in coaches:
        writer.writerow({column: neutralise(value) for column, value in _export_row(coach).items()})
    return buffer.getvalue()


def _former_role(role: dict) -> str:
    start, end = role["start_year"], role["end_year"]
    years = f"{start or ''}-{end or ''}" if start or end else ""
    return ":".join([role["background"], role["municipality__name"] or role["province__name"] or "", years])


def _person(conflict: dict) -> str:
    name, email = conflict["person_name"], conflict["person_email"]
    return f"{name} <{email}>" if email else name


def _export_row(coach: dict) -> dict:
    conflicts = coach["conflicts"]
    return {
        "email": coach["user__email"],
        "first_name": coach["user__first_name"],
        "last_name": coach["user__last_name"],
        "home_municipality": coach["home_municipality__name"] or "",
        "gender": coach["gender"],
        "party": coach["party__short_name"] or coach["local_party"],
        "languages": ";".join(coach["languages"]),
        "capacity": coach["capacity"],
        "themes": ";".join(coach["themes"]),
        "availability": ";".join(coach["availability"]),
        "observes": "yes" if coach["observes"] else "no",
        "status": coach["status"],
        "paused_until": coach["paused_until"].isoformat() if coach["paused_until"] else "",
        "former_roles": ";".join(_former_role(role) for role in coach["former_roles"]),
        "conflict_municipalities": ";".join(c["municipality__name"] for c in conflicts if c["municipality__name"]),
        "conflict_people": ";".join(_person(c) for c in conflicts if c["person_name"] or c["person_email"]),
    }
