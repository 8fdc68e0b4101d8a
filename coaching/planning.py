"""The trajectory planner: pure dates in, pure dates out (no Django, no ORM), so it can be
tested for every length and read in one go.

A plan spreads 5–8 sessions (default 6) evenly over 6–12 months (default 9) from the klik. The
first session falls within three weeks; the last one is the closing conversation's occasion at
the end. An interim evaluation sits halfway and the closing conversation (eindgesprek) at the
end. Observations of council and committee meetings avoid the council's recesses (given as
periods; without them, the national summer recess of July–August); all dates fall on working
days: Monday to Friday, never on a public holiday.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from bestuurderspool.workdays import is_working_day
from councils.periods import Period, containing, summer_recess

MIN_SESSIONS, MAX_SESSIONS, DEFAULT_SESSIONS = 5, 8, 6
MIN_MONTHS, MAX_MONTHS, DEFAULT_MONTHS = 6, 12, 9
FIRST_SESSION_WITHIN_DAYS = 21
FIRST_SESSION_AFTER_DAYS = 14
#: A trajectory without a session this long is behind (coordinators are told, and see it listed).
QUIET_AFTER = timedelta(weeks=8)
#: A trajectory ending within this period is flagged for its closing arrangements.
ENDING_WITHIN = timedelta(days=30)
#: A planned session counts against the pace only this long after its date: the coach is reminded
#: the next morning to log it, and coordinators should not hear of a session logged a day late.
BEHIND_GRACE = timedelta(days=7)
#: Observation settings that follow the council's calendar (and so its summer recess).
RECESS_SETTINGS = frozenset({"council", "committee"})


KIND_ORDER = ("session", "observation", "interim_evaluation", "final_evaluation")


class PlanError(ValueError):
    """A plan outside the bounds. `code` names the rule, `field` the form field it belongs to."""

    def __init__(self, code: str, field: str, **params):
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


@dataclass(frozen=True)
class PlannedItem:
    kind: str  # "session", "observation", "interim_evaluation", "final_evaluation"
    number: int
    on: date
    setting: str = ""


@dataclass(frozen=True)
class Plan:
    start: date
    end: date
    items: list[PlannedItem] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[PlannedItem]:
        return [item for item in self.items if item.kind == kind]


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def working_day(day: date, *, forward: bool = True) -> date:
    """`day` when it is a working day, else the nearest one after (or before) it: never a weekend
    or a public holiday."""
    step = timedelta(days=1 if forward else -1)
    while not is_working_day(day):
        day += step
    return day


def default_recesses(start: date, end: date) -> list[Period]:
    """The national summer recess of every year from `start` to `end`."""
    return [summer_recess(year) for year in range(start.year, end.year + 1)]


def outside_recess(day: date, *, latest: date, recesses: list[Period]) -> date:
    """`day` moved out of the recess it falls in: to the first working day after it, or, when
    that is past `latest`, to the last working day before it."""
    recess = containing(day, recesses)
    if recess is None:
        return day
    after = working_day(recess.ends_on + timedelta(days=1))
    if after <= latest and containing(after, recesses) is None:
        return after
    return working_day(recess.starts_on - timedelta(days=1), forward=False)


def check_bounds(*, sessions: int, months: int, first_session: date, klik: date) -> None:
    if not MIN_SESSIONS <= sessions <= MAX_SESSIONS:
        raise PlanError("sessions_out_of_bounds", "sessions", minimum=MIN_SESSIONS, maximum=MAX_SESSIONS)
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise PlanError("months_out_of_bounds", "months", minimum=MIN_MONTHS, maximum=MAX_MONTHS)
    if first_session < klik:
        raise PlanError("before_klik", "first_session", klik=klik)
    if first_session > klik + timedelta(days=FIRST_SESSION_WITHIN_DAYS):
        raise PlanError("first_session_too_late", "first_session", days=FIRST_SESSION_WITHIN_DAYS)


def default_first_session(klik: date) -> date:
    return working_day(klik + timedelta(days=FIRST_SESSION_AFTER_DAYS), forward=False)


def propose_plan(
    klik: date,
    *,
    sessions: int = DEFAULT_SESSIONS,
    months: int = DEFAULT_MONTHS,
    first_session: date | None = None,
    observation_settings: tuple[str, ...] = (),
    recesses: list[Period] | None = None,
) -> Plan:
    """The plan for a trajectory that had its klik on `klik`, its observations of council and
    committee meetings outside `recesses` (default: the national summer recesses). Raises
    PlanError out of bounds."""
    first_session = first_session or default_first_session(klik)
    check_bounds(sessions=sessions, months=months, first_session=first_session, klik=klik)
    end = working_day(add_months(klik, months), forward=False)
    step = (end - first_session) / (sessions - 1)
    session_days = [working_day(first_session + step * n, forward=False) for n in range(sessions)]
    items = [PlannedItem("session", n + 1, day) for n, day in enumerate(session_days)]
    recesses = default_recesses(klik, end) if recesses is None else recesses
    items += _observations(session_days, observation_settings, end, recesses)
    middle = first_session + (end - first_session) / 2
    items.append(PlannedItem("interim_evaluation", 1, working_day(middle)))
    items.append(PlannedItem("final_evaluation", 1, end))
    return Plan(start=klik, end=end, items=sorted(items, key=lambda item: (item.on, KIND_ORDER.index(item.kind))))


def extension_sessions(*, after: date, end: date, count: int, planned: list[date] = ()) -> list[date]:
    """`count` extra session dates for an agreed extension of a trajectory that has started, on
    working days after `after` up to the (new) `end`: each in the middle of the widest gap left
    between `after`, the sessions still `planned` and `end`. The plan's last session is on its
    last day, so more sessions in the same months fill the time left instead of piling up there."""
    points = sorted({after, end, *(day for day in planned if after < day < end)})
    added = []
    for _ in range(count):
        start, stop = max(pairwise(points), key=lambda gap: (gap[1] - gap[0], gap[0]))
        day = working_day(start + (stop - start) / 2, forward=False)
        if not start < day < stop:  # no working day left in the widest gap
            day = start + (stop - start) / 2
        added.append(day)
        points = sorted({*points, day})
    return sorted(added)


def _observations(
    session_days: list[date], settings: tuple[str, ...], end: date, recesses: list[Period]
) -> list[PlannedItem]:
    """One observation per wished setting, each halfway between two sessions after the first
    (the coach should know the wethouder before watching them at work)."""
    gaps = [a + (b - a) / 2 for a, b in pairwise(session_days[1:])] or [session_days[-1]]
    items = []
    for number, setting in enumerate(settings, start=1):
        day = working_day(gaps[(number - 1) * len(gaps) // max(len(settings), 1)])
        if setting in RECESS_SETTINGS:
            day = outside_recess(day, latest=end, recesses=recesses)
        items.append(PlannedItem("observation", number, day, setting))
    return items


def check_observation_date(setting: str, on: date, *, recesses: list[Period] | None = None) -> None:
    """Council and committee meetings are not observed in a recess."""
    recesses = default_recesses(on, on) if recesses is None else recesses
    recess = containing(on, recesses) if setting in RECESS_SETTINGS else None
    if recess is not None:
        raise PlanError("in_recess", "date", starts_on=recess.starts_on, ends_on=recess.ends_on)


@dataclass(frozen=True)
class Pace:
    held: int
    planned: int
    due: int  # planned sessions whose date has passed (not counting cancelled ones)

    @property
    def behind(self) -> int:
        return max(self.due - self.held, 0)

    @property
    def on_track(self) -> bool:
        return self.behind == 0


def pace(*, session_dates: list[date], held: int, today: date) -> Pace:
    """Held sessions against the plan: every planned session whose date is past should be held."""
    due = sum(1 for day in session_dates if day < today)
    return Pace(held=held, planned=len(session_dates), due=due)


def behind_cutoff(today: date) -> date:
    """Behind the plan means: fewer sessions held than planned sessions dated before this day.
    The list filters and counts it in SQL with exactly this comparison
    (`coaching.selectors.trajectories.flag_annotations`)."""
    return today - BEHIND_GRACE


def is_behind_plan(*, session_dates: list[date], held: int, today: date) -> bool:
    """The trajectory page's pace, a week later: behind by at least one session."""
    return not pace(session_dates=session_dates, held=held, today=behind_cutoff(today)).on_track


def behind_from(*, session_dates: list[date], held: int) -> date | None:
    """The first day `is_behind_plan` holds (the coordinators' reminder is due that morning), or
    None when every planned session is held."""
    ordered = sorted(session_dates)
    return ordered[held] + BEHIND_GRACE + timedelta(days=1) if held < len(ordered) else None


def quiet_cutoff(today: date) -> date:
    """Quiet means: the last session (before the first one: the klik) was before this day."""
    return today - QUIET_AFTER


def ending_by(today: date) -> date:
    """Ending soon means: the planned end falls between today and this day."""
    return today + ENDING_WITHIN


def quiet_from(*, last_held: date | None, klik_on: date) -> date:
    """The first day a trajectory counts as behind: `QUIET_AFTER` has passed in full since its
    last session (before the first one: since the klik). The coordinators' reminder is due on
    that morning, and their list flags it from that day."""
    return (last_held or klik_on) + QUIET_AFTER + timedelta(days=1)


def is_quiet(*, last_held: date | None, klik_on: date, today: date) -> bool:
    return (last_held or klik_on) < quiet_cutoff(today)


def ends_soon(*, ends_on: date, today: date) -> bool:
    return today <= ends_on <= ending_by(today)


def evaluation_opens_on(
    kind: str, *, trajectory_open: bool, interim_on: date | None, final_on: date | None, ends_on: date, ended_on=None
) -> date | None:
    """The day an evaluation can be filled in from: the interim one on the interim
    conversation's date (never once the trajectory ended), the closing one on the closing
    conversation's date (the planned end without one), or the day the trajectory ended."""
    if kind == "final":
        return (final_on or ends_on) if trajectory_open else ended_on
    return interim_on if trajectory_open else None
