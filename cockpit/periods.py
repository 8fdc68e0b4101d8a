"""The periods the dashboard can show: plain dates, no Django."""

from dataclasses import dataclass
from datetime import date, timedelta

from coaching.planning import add_months

#: The last municipal elections; "since the last election" starts here.
LAST_ELECTION = date(2026, 3, 18)
PERIODS = ("month", "quarter", "year", "election", "custom")
DEFAULT_PERIOD = "election"
MAX_DAYS = 5 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    @property
    def end_exclusive(self) -> date:
        return self.end + timedelta(days=1)


def resolve(kind: str, today: date, start: date | None = None, end: date | None = None) -> Period:
    if kind == "custom" and start and end:
        return Period(start, end)
    first = {
        "month": today.replace(day=1),
        "quarter": date(today.year, 3 * ((today.month - 1) // 3) + 1, 1),
        "year": date(today.year, 1, 1),
    }.get(kind, LAST_ELECTION)
    return Period(min(first, today), today)
