"""Reminders of track sessions, planned by the existing reminder system: one per member the
morning before a session, under the system's unique key, so it is planned and sent once."""

from datetime import datetime, timedelta

from django.urls import reverse

from bestuurderspool.notifications import sources
from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.schedule import local_date, morning
from bestuurderspool.notifications.sources import Candidate, Source, in_window, window

from .enums import ApplicationState, TrackState
from .models import Application, TrackSession


def _members(track_ids) -> dict[int, set[int]]:
    """Per track: the learning manager and the participants (two queries)."""
    members: dict[int, set[int]] = {}
    rows = TrackSession.objects.filter(track_id__in=track_ids).values_list("track_id", "track__learning_manager_id")
    for track_id, manager_id in rows:
        members.setdefault(track_id, set()).add(manager_id)
    placed = Application.objects.filter(track_id__in=track_ids, state=ApplicationState.PLACED)
    for track_id, user_id in placed.values_list("track_id", "wethouder_id"):
        members.setdefault(track_id, set()).add(user_id)
    return members


def _due(starts_at: datetime) -> datetime:
    return morning(local_date(starts_at) - timedelta(days=1))


def _sessions():
    return TrackSession.objects.filter(track__state=TrackState.COMPOSED)


def candidates(now: datetime):
    start, end = window(now)
    rows = list(
        _sessions()
        .filter(starts_at__gt=start, starts_at__lte=end + timedelta(days=2))
        .values_list("pk", "track_id", "starts_at")
    )
    members = _members({track_id for _pk, track_id, _starts in rows})
    for pk, track_id, starts_at in rows:
        due = _due(starts_at)
        if not in_window(due, now):
            continue
        for user_id in sorted(members.get(track_id, ())):
            context = {"track": track_id, "starts": starts_at.isoformat()}
            yield Candidate(ReminderKind.TRACK_SESSION_UPCOMING, user_id, pk, due, context)


def relevant(reminders) -> set[int]:
    """The session still takes place at the same moment and the recipient is still a member."""
    sessions = dict(_sessions().filter(pk__in={r.target_id for r in reminders}).values_list("pk", "starts_at"))
    members = _members({r.context["track"] for r in reminders})
    return {
        r.pk
        for r in reminders
        if r.target_id in sessions
        and sessions[r.target_id].isoformat() == r.context["starts"]
        and r.user_id in members.get(r.context["track"], ())
    }


def path(reminder) -> str:
    return reverse("tracks:detail", args=[reminder.context["track"]])


def register() -> None:
    sources.register(ReminderKind.TRACK_SESSION_UPCOMING, Source(candidates, relevant, path))
