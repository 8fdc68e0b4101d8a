"""Due moments in Europe/Amsterdam (pure functions). A reminder "at 9 in the morning" is 9:00 on
the wall clock, whatever the offset to UTC that day: 08:00 UTC in winter, 07:00 UTC in summer."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bestuurderspool.workdays import is_working_day

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MORNING = time(9)


def morning(day: date) -> datetime:
    return datetime.combine(day, MORNING, tzinfo=AMSTERDAM)


def local_date(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


def add_working_days(moment: datetime, days: int) -> datetime:
    """`moment` plus `days` working days (Monday to Friday, not a public holiday), at the same
    wall-clock time."""
    local = moment.astimezone(AMSTERDAM)
    day = local.date()
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=AMSTERDAM)


def next_morning(moment: datetime) -> datetime:
    """The first 9:00 after `moment`."""
    day = local_date(moment)
    return morning(day) if moment < morning(day) else morning(day + timedelta(days=1))
