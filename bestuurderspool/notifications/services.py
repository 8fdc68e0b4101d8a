"""Planning, claiming and delivering reminders, exactly once.

1. `plan_reminders(now)` writes every reminder that is due soon as a row with a unique key
   (`bulk_create(ignore_conflicts=True)`): two beat processes planning at once make one row.
2. `claim_due(now)` moves due rows from pending to queued under `SKIP LOCKED` and returns their
   ids; the beat task queues them after commit. Rows queued long ago whose task never ran (a
   Redis restart, a killed worker) are claimed again: the database, not the broker, remembers.
3. `deliver(ids)` first takes a PostgreSQL advisory lock on each id (`pg_try_advisory_lock`,
   held by the worker's connection, not by a transaction), then reads which of them are still
   queued, and sends those. A task delivered twice, or a claimed row handed out twice, finds the
   locks taken or the rows already sent and does nothing. Each sent row is marked sent in its own
   autocommitted UPDATE the moment the SMTP server has accepted it, so a killed worker has lost
   only the row it was sending; its locks go with its connection and its rows, still queued,
   are claimed again. The relevance and the recipient's choices are checked at that moment. An
   SMTP failure puts the row back with a growing delay (no Celery countdown, so nothing waits in
   Redis); after the last try it is marked failed and the coordinators are told.

The one window that remains is the classic one of every mail system: a worker killed after the
SMTP server accepted a message and before its row was marked sent. The row is then sent again
when reclaimed.
"""

import contextlib
import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import mailers
from django.db import DatabaseError, IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import Q
from django.utils import timezone

from .emails import reminder_messages
from .enums import REQUIRED_KINDS, ReminderKind, ReminderStatus
from .models import Reminder, ReminderSettings
from .sources import SOURCES, Candidate, coordinator_ids, registered

logger = logging.getLogger(__name__)

#: Delays before the 2nd, 3rd, ... try after an SMTP failure.
BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
MAX_ATTEMPTS = len(BACKOFF) + 1
BATCH_SIZE = 100


def requeue_after() -> timedelta:
    return timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS)


# --- Planning ----------------------------------------------------------------------------------


def due_candidates(now: datetime) -> list[Candidate]:
    return [candidate for source in registered() for candidate in source.candidates(now)]


def _wanted(candidates: list[Candidate]) -> list[Candidate]:
    turned_off = dict(
        ReminderSettings.objects.filter(user_id__in={c.user_id for c in candidates}).values_list(
            "user_id", "turned_off"
        )
    )
    return [c for c in candidates if c.kind in REQUIRED_KINDS or c.kind not in turned_off.get(c.user_id, [])]


def plan_reminders(now: datetime) -> int:
    """Record every reminder due in the planning window (safe to run any number of times)."""
    candidates = _wanted(due_candidates(now))
    known = set(Reminder.objects.filter(key__in=[c.key for c in candidates]).values_list("key", flat=True))
    candidates = [c for c in candidates if c.key not in known]
    rows = [
        Reminder(
            key=c.key,
            kind=c.kind,
            user_id=c.user_id,
            target_id=c.target_id,
            due_at=c.due_at,
            next_attempt_at=c.due_at,
            context=c.context,
        )
        for c in candidates
    ]
    # Another beat may insert the same keys at this moment: the unique key keeps one row.
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


# --- Claiming ----------------------------------------------------------------------------------


@transaction.atomic
def claim_due(now: datetime, *, limit: int = 60_000) -> list[int]:
    """Mark due rows (and stale queued ones) as queued, and return their ids."""
    due = Q(status=ReminderStatus.PENDING, next_attempt_at__lte=now)
    stale = Q(status=ReminderStatus.QUEUED, queued_at__lte=now - requeue_after())
    ids = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(due | stale)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    Reminder.objects.filter(pk__in=ids).update(status=ReminderStatus.QUEUED, queued_at=now)
    return ids


def batches(ids: list[int], size: int = BATCH_SIZE) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


# --- The sweep (beat's task, every minute) --------------------------------------------------------

#: Advisory lock of the sweep (one 64-bit key: a space apart from the reminders' two-key locks).
SWEEP_LOCK = 0x53574545  # "SWEE"
#: Where every web process reads when the sweep last ran (the health check, the operators' pages).
LAST_SWEEP_KEY = "notifications:last-sweep"
BEAT_STARTED_KEY = "notifications:beat-started"


def sweep(now: datetime, *, hand_out=None) -> tuple[int, list[int]] | None:
    """Plan and claim what is due, pass the claimed ids in batches to `hand_out` (if given) after
    commit, and record when it ran. Returns (planned, claimed ids), or None when another sweep is
    running (two beats started by mistake): that one holds the lock and does the work once. The
    unique keys would already prevent doubles; the lock spares the second sweep the same work."""
    with _sweep_lock() as ours:
        if not ours:
            logger.info("Reminder sweep skipped: another sweep is running")
            return None
        planned = plan_reminders(now)
        with transaction.atomic():
            ids = claim_due(now)
            for batch in batches(ids) if hand_out else []:
                transaction.on_commit(lambda batch=batch: hand_out(batch))
        cache.set(LAST_SWEEP_KEY, now.isoformat(), timeout=None)
    logger.info("Reminder sweep: %s planned, %s claimed", planned, len(ids))
    return planned, ids


def last_sweep() -> datetime | None:
    """When the sweep last finished its work (None: never, or the cache was emptied)."""
    value = cache.get(LAST_SWEEP_KEY)
    return datetime.fromisoformat(value) if value else None


def late_after() -> timedelta:
    return timedelta(seconds=settings.BEAT_LATE_AFTER_SECONDS)


def beat_started(now: datetime) -> None:
    """Beat has (re)started (its `beat_init` signal): its first sweep is a minute away, so it is
    not late before BEAT_LATE_AFTER_SECONDS have passed from now."""
    cache.set(BEAT_STARTED_KEY, now.isoformat(), timeout=None)


def beat_start() -> datetime | None:
    """When beat last started (None: not since the cache was emptied)."""
    value = cache.get(BEAT_STARTED_KEY)
    return datetime.fromisoformat(value) if value else None


def sweep_is_late(last: datetime | None, now: datetime, *, started: datetime | None = None) -> bool:
    """Beat is late when the sweep has not run for BEAT_LATE_AFTER_SECONDS, counted from beat's
    start when it has not run since (a portal just started is not late); never ran and never
    started: late."""
    seen = max((moment for moment in (last, started) if moment is not None), default=None)
    return seen is None or now - seen > late_after()


@contextlib.contextmanager
def _sweep_lock():
    """A session-level advisory lock, let go by a sweep that dies with its connection."""
    if db_connection.vendor != "postgresql":
        yield True  # SQLite (the demo): one process, one writer
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SWEEP_LOCK])
        ours = cursor.fetchone()[0]
    try:
        yield ours
    finally:
        if ours:
            with contextlib.suppress(DatabaseError), db_connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK])


# --- Delivering --------------------------------------------------------------------------------


def _turned_off(reminders) -> set[int]:
    users = {reminder.user_id for reminder in reminders}
    turned_off = dict(ReminderSettings.objects.filter(user_id__in=users).values_list("user_id", "turned_off"))
    return {r.pk for r in reminders if r.kind not in REQUIRED_KINDS and r.kind in turned_off.get(r.user_id, [])}


def _relevant(reminders) -> set[int]:
    by_kind: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        by_kind.setdefault(reminder.kind, []).append(reminder)
    return {pk for kind, group in by_kind.items() for pk in SOURCES[kind].relevant(group)}


def deliver(ids: list[int]) -> dict[str, int]:
    """Send the queued reminders among `ids`, each exactly once. Returns counts by outcome.

    Runs outside any transaction (as the task does): each outcome is committed on its own. What
    to send is read for the whole batch first (relevance, choices, messages: a few queries per
    kind); then each reminder is sent and marked in one statement."""
    counts = dict.fromkeys(["sent", "skipped", "cancelled", "retry", "failed", "not_ours"], 0)
    with _locked(ids) as held:
        # Read after taking the locks: a worker that held them before us has committed what it sent.
        reminders = list(Reminder.objects.filter(pk__in=held, status=ReminderStatus.QUEUED).select_related("user"))
        counts["not_ours"] = len(ids) - len(reminders)  # sent, being sent by another worker, or never claimed
        relevant, turned_off = _relevant(reminders), _turned_off(reminders)
        messages = reminder_messages([r for r in reminders if r.pk in relevant and r.pk not in turned_off])
        connection = mailers.default
        with contextlib.suppress(OSError):
            connection.open()  # one SMTP session for the batch; if it fails, each send tries again
        try:
            for reminder in reminders:
                if not reminder.user.is_active or reminder.pk not in relevant:
                    counts["cancelled"] += _close(reminder, ReminderStatus.CANCELLED)
                elif reminder.pk in turned_off:
                    counts["skipped"] += _close(reminder, ReminderStatus.SKIPPED)
                else:
                    counts[_send(reminder, messages[reminder.pk], connection)] += 1
        finally:
            connection.close()
    return counts


#: The first key of the advisory locks on reminders, so they cannot collide with advisory locks
#: taken for anything else. The second is the id, folded into 31 bits: two reminders 2**31 - 1
#: apart in the same moment would share a lock, and one of them would wait for the next hand-out.
LOCK_SPACE = 0x52454D  # "REM"
_LOCK_KEYS = "%s, (id %% 2147483647)::int"  # LOCK_SPACE as parameter, the id folded
TRY_LOCKS = f"SELECT id FROM unnest(%s::bigint[]) AS id WHERE pg_try_advisory_lock({_LOCK_KEYS})"  # noqa: S608
UNLOCK = f"SELECT pg_advisory_unlock({_LOCK_KEYS}) FROM unnest(%s::bigint[]) AS id"  # noqa: S608


@contextlib.contextmanager
def _locked(ids: list[int]):
    """Yield the ids whose advisory lock this connection could take; release them afterwards.

    A lock belongs to the database session: a worker that dies lets go of it with its connection,
    and a worker that is slow, however slow, keeps it. SQLite (the demo) has no such locks and
    only one writer at a time, so there every id is ours."""
    if db_connection.vendor != "postgresql":
        yield ids
        return
    with db_connection.cursor() as cursor:
        cursor.execute(TRY_LOCKS, [ids, LOCK_SPACE])
        held = [row[0] for row in cursor.fetchall()]
    try:
        yield held
    finally:
        # If the connection broke, its locks went with it.
        with contextlib.suppress(DatabaseError), db_connection.cursor() as cursor:
            cursor.execute(UNLOCK, [LOCK_SPACE, held])


def _close(reminder: Reminder, status: str) -> int:
    """Cancelled or skipped: no longer relevant, or turned off since it was planned."""
    return Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.QUEUED).update(status=status)


#: One statement per sent reminder, written out: the ORM's update costs four times as much CPU
#: (a tenth of a delivery) to build the same SQL.
MARK_SENT = (
    f"UPDATE {Reminder._meta.db_table} "  # noqa: S608 (our own table's name; the values are parameters)
    "SET status = %s, sent_at = %s, attempts = attempts + 1 WHERE id = %s"
)


def _send(reminder: Reminder, message, connection) -> str:
    now = timezone.now()
    try:
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        return _failed_attempt(reminder, error, now)
    # Committed at once (autocommit): from here on nobody sends this reminder again.
    with db_connection.cursor() as cursor:
        cursor.execute(MARK_SENT, [ReminderStatus.SENT, now, reminder.pk])
    return "sent"


@transaction.atomic
def _failed_attempt(reminder: Reminder, error: Exception, now: datetime) -> str:
    reminder.attempts += 1
    # The error class and SMTP code only: never the message text, which could quote content.
    reminder.last_error = f"{type(error).__name__} {getattr(error, 'smtp_code', '')}".strip()[:200]
    logger.warning("Reminder %s: delivery attempt %s failed (%s)", reminder.pk, reminder.attempts, reminder.last_error)
    if reminder.attempts < MAX_ATTEMPTS:
        reminder.status = ReminderStatus.PENDING
        reminder.next_attempt_at = now + BACKOFF[reminder.attempts - 1]
        reminder.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
        return "retry"
    reminder.status = ReminderStatus.FAILED
    reminder.save(update_fields=["status", "attempts", "last_error"])
    _tell_coordinators(reminder, now)
    return "failed"


def _tell_coordinators(reminder: Reminder, now: datetime) -> None:
    if reminder.kind == ReminderKind.REMINDER_FAILED:
        return  # a failed "failed" notice is listed on the failed page, not announced again
    Reminder.objects.bulk_create(
        [
            Reminder(
                key=f"{ReminderKind.REMINDER_FAILED}:{coordinator_id}:{reminder.pk}:0",
                kind=ReminderKind.REMINDER_FAILED,
                user_id=coordinator_id,
                target_id=reminder.pk,
                due_at=now,
                next_attempt_at=now,
                context={"kind": reminder.kind},
            )
            for coordinator_id in coordinator_ids()
        ],
        ignore_conflicts=True,
    )


# --- Events ------------------------------------------------------------------------------------


def record_event(kind: str, *, user_id: int, target_id: int, occurrence: str = "") -> bool:
    """Put something that just happened to the user on their notification list, once: the key
    (kind, user, target, `occurrence` for events that may happen again to the same target, such
    as a moved first meeting) is unique. Returns whether it is new, so the caller mails only
    then: one event, one notification, at most one mail. Runs inside the caller's transaction."""
    now = timezone.now()
    try:
        with transaction.atomic():
            Reminder.objects.create(
                key=f"{kind}:{user_id}:{target_id}:{occurrence or 'event'}",
                kind=kind,
                user_id=user_id,
                target_id=target_id,
                due_at=now,
                next_attempt_at=now,
                status=ReminderStatus.SENT,
                sent_at=now,
            )
    except IntegrityError:
        return False
    return True


# --- The portal --------------------------------------------------------------------------------


@transaction.atomic
def mark_read(user, *, ids: list[int] | None = None) -> int:
    reminders = Reminder.objects.visible_to(user).filter(status=ReminderStatus.SENT, read_at__isnull=True)
    if ids is not None:
        reminders = reminders.filter(pk__in=ids)
    return reminders.update(read_at=timezone.now())


@transaction.atomic
def save_reminder_settings(user, *, turned_off: list[str], days_before: list[int]) -> ReminderSettings:
    """The user's choices; required reminders cannot be turned off."""
    row, _ = ReminderSettings.objects.select_for_update().get_or_create(user=user)
    row.turned_off = sorted(set(turned_off) - REQUIRED_KINDS)
    row.days_before = sorted(set(days_before), reverse=True)
    row.save()
    return row


@transaction.atomic
def retry_failed(reminder: Reminder, *, by) -> Reminder:
    """A coordinator sends a failed reminder again (e.g. after the mail server was fixed)."""
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.status == ReminderStatus.FAILED:
        reminder.status, reminder.attempts, reminder.next_attempt_at = ReminderStatus.PENDING, 0, timezone.now()
        reminder.save(update_fields=["status", "attempts", "next_attempt_at"])
    return reminder
