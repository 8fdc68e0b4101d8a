"""Reading a council's meeting calendar from iCalendar. Pure: bytes in, meetings out; any
problem raises CalendarError with a message for the coordinator, and nothing is half-read."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
#: A larger calendar is refused rather than read (a council publishes a few hundred a year).
MAX_BYTES = 5 * 1024 * 1024
MAX_MEETINGS = 5000


class CalendarError(ValueError):
    pass


@dataclass(frozen=True)
class Meeting:
    uid: str
    title: str
    kind: str  # "council", "committee" or "other"
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    location: str


def kind_of(title: str) -> str:
    """Council information systems name their meetings in words: "Commissie Ruimte",
    "Gemeenteraad", "Raadsvergadering", "Informatiebijeenkomst"."""
    words = title.lower()
    if "commissie" in words or "committee" in words:
        return "committee"
    if ("raad" in words and "informatie" not in words) or "council" in words:
        return "council"
    return "other"


def _moment(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)
    return datetime.datetime.combine(value, datetime.time(0), tzinfo=AMSTERDAM)


def parse(data: bytes) -> list[Meeting]:
    """Every VEVENT with a UID, a summary and a start; other components are ignored."""
    if len(data) > MAX_BYTES:
        raise CalendarError("too_large")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise CalendarError("unreadable") from error
    if calendar.name != "VCALENDAR":
        raise CalendarError("unreadable")
    meetings = []
    for event in calendar.walk("VEVENT"):
        start, uid, title = (
            event.get("DTSTART"),
            str(event.get("UID", "")).strip(),
            str(event.get("SUMMARY", "")).strip(),
        )
        if start is None or not uid or not title:
            continue
        end = event.get("DTEND")
        meetings.append(
            Meeting(
                uid=uid[:255],
                title=title[:255],
                kind=kind_of(title),
                starts_at=_moment(start.dt),
                ends_at=_moment(end.dt) if end is not None else None,
                location=str(event.get("LOCATION", "")).strip()[:255],
            )
        )
        if len(meetings) > MAX_MEETINGS:
            raise CalendarError("too_many")
    if not meetings:
        raise CalendarError("empty")
    return meetings
