"""What is reminded, when, and whether it still holds: one source per kind.

The reminder system knows only this registry and its own kind (a reminder that failed). The app
that owns what a reminder is about registers its source from its `AppConfig.ready()`: intake
(`intake/reminders.py`), coaching (`coaching/reminders.py`) and the group tracks
(`tracks/reminders.py`). This package never imports them (README, "Architecture").

`candidates(now)` reads the database (a query or two per kind, whatever the number of rows) and
yields every reminder whose due moment falls in the planning window; the unique key makes
yielding one twice harmless. `relevant(reminders)` is asked again just before sending (for a
whole batch, a query or two per kind), so a cancelled session, an answered question or a
logged session sends nothing. `mail(reminders)`, where a source has it, gives what its mails add
(an appointment and its .ics), again for the whole batch at once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse

from bestuurderspool.accounts.enums import Role
from bestuurderspool.mail import Attachment

from .enums import ReminderKind
from .models import DEFAULT_DAYS_BEFORE, ReminderSettings

#: Reminders are planned up to this far ahead, and caught up this far back (after downtime).
LOOKAHEAD = timedelta(days=1)
LOOKBACK = timedelta(days=7)
#: The most days before an appointment a user can ask to be reminded (`forms.DAYS_CHOICES`).
MAX_DAYS_BEFORE = 14


@dataclass(frozen=True)
class Candidate:
    kind: str
    user_id: int
    target_id: int
    due_at: datetime
    context: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.user_id}:{self.target_id}:{self.due_at.timestamp():.0f}"


@dataclass(frozen=True)
class Mail:
    """What a source adds to the mail of one reminder: template context and attachments."""

    context: dict = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Source:
    candidates: Callable[[datetime], Iterable[Candidate]]
    #: Of the given reminders of this kind, the ids of those that still hold.
    relevant: Callable[[list], set[int]]
    path: Callable[[object], str]
    #: Of the given reminders (of every kind whose source shares this function), what the mail
    #: of each adds, by reminder id, read in one go. None: the mail says enough by its kind.
    mail: Callable[[list], dict[int, Mail]] | None = None


#: The source of each kind, filled by `register`.
SOURCES: dict[str, Source] = {}


def register(kind: str, source: Source) -> None:
    """Plan, check and link the reminders of `kind` with `source` (again: replaced)."""
    SOURCES[kind] = source


def registered() -> list[Source]:
    """The sources in the order the kinds are declared, whichever app registered first: the
    planning writes its rows in this order."""
    return [SOURCES[kind] for kind in ReminderKind if kind in SOURCES]


# --- For the sources -------------------------------------------------------------------------------


def window(now: datetime) -> tuple[datetime, datetime]:
    return now - LOOKBACK, now + LOOKAHEAD


def in_window(due: datetime, now: datetime) -> bool:
    start, end = window(now)
    return start < due <= end


def coordinator_ids() -> list[int]:
    return list(get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True).values_list("pk", flat=True))


def for_coordinators(kind: str, rows: list[tuple[int, datetime]], now: datetime, context=None):
    """A reminder to every coordinator of each (target id, due moment) in the window."""
    due_rows = [(pk, due) for pk, due in rows if in_window(due, now)]
    for coordinator_id in coordinator_ids() if due_rows else []:
        for pk, due in due_rows:
            yield Candidate(kind, coordinator_id, pk, due, context or {})


def days_before(user_ids) -> dict[int, list[int]]:
    """How many days before an appointment each user wants to be reminded (their choice)."""
    chosen = dict(ReminderSettings.objects.filter(user_id__in=user_ids).values_list("user_id", "days_before"))
    return {user_id: chosen.get(user_id, DEFAULT_DAYS_BEFORE) for user_id in user_ids}


def targets(reminders) -> set[int]:
    return {reminder.target_id for reminder in reminders}


def still(queryset, reminders) -> set[int]:
    """Reminders whose target is still in `queryset`."""
    alive = set(queryset.filter(pk__in=targets(reminders)).values_list("pk", flat=True))
    return {reminder.pk for reminder in reminders if reminder.target_id in alive}


def no_candidates(now: datetime):
    return ()


def all_relevant(reminders) -> set[int]:
    return {reminder.pk for reminder in reminders}


def event(path) -> Source:
    """The source of an event kind: recorded as it happens (`services.record_event`), never
    planned, always relevant."""
    return Source(no_candidates, all_relevant, path)


def home_path(reminder) -> str:
    return reverse("home")


# --- A reminder that failed (coordinators; made by the delivery, not planned) --------------------------


def _failed_path(reminder) -> str:
    return reverse("notifications:failed")


register(ReminderKind.REMINDER_FAILED, Source(no_candidates, all_relevant, _failed_path))
