"""What is reminded, when, and whether it still holds: one source per kind.

`candidates(now)` reads the database (a query or two per kind, whatever the number of rows) and
yields every reminder whose due moment falls in the planning window; the unique key makes
yielding one twice harmless. `relevant(reminders)` is asked again just before sending (for a
whole batch, a query or two per kind), so a cancelled session, an answered question or a
logged session sends nothing.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.urls import reverse

from bestuurderspool.accounts.enums import Role
from coaching import planning
from coaching.enums import AppointmentKind, AppointmentStatus, MatchState, TrajectoryState
from coaching.models import Appointment, CoachProfile, Evaluation, Match, Trajectory
from intake.enums import IntakeState
from intake.models import Intake

from .enums import ReminderKind
from .models import DEFAULT_DAYS_BEFORE, ReminderSettings
from .schedule import add_working_days, local_date, morning, next_morning

#: Reminders are planned up to this far ahead, and caught up this far back (after downtime).
LOOKAHEAD = timedelta(days=1)
LOOKBACK = timedelta(days=7)
MAX_DAYS_BEFORE = 14
#: An appointment reminder is caught up at most this late: a "7 days before" that was missed by
#: more than a day (or whose date was set after it) would arrive too late to mean anything.
UPCOMING_CATCH_UP = timedelta(days=1)
MATCH_ANSWER_REMINDER_AFTER = timedelta(days=2)
PROPOSAL_REMINDER_AFTER = timedelta(days=2)
INTAKE_WAITING_WORKING_DAYS = 5
ENDING_WITHIN = planning.ENDING_WITHIN
PROFILE_CONFIRM_EVERY = timedelta(days=365)


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
class Source:
    candidates: Callable[[datetime], Iterable[Candidate]]
    #: Of the given reminders of this kind, the ids of those that still hold.
    relevant: Callable[[list], set[int]]
    path: Callable[[object], str]


def _window(now: datetime) -> tuple[datetime, datetime]:
    return now - LOOKBACK, now + LOOKAHEAD


def _in_window(due: datetime, now: datetime) -> bool:
    start, end = _window(now)
    return start < due <= end


def _coordinator_ids() -> list[int]:
    return list(get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True).values_list("pk", flat=True))


# --- Appointments coming up (coach and wethouder) ------------------------------------------------


def _days_before(user_ids) -> dict[int, list[int]]:
    chosen = dict(ReminderSettings.objects.filter(user_id__in=user_ids).values_list("user_id", "days_before"))
    return {user_id: chosen.get(user_id, DEFAULT_DAYS_BEFORE) for user_id in user_ids}


def _upcoming(now: datetime):
    today = local_date(now)
    rows = list(
        Appointment.objects.filter(
            status=AppointmentStatus.PLANNED,
            trajectory__state=TrajectoryState.ACTIVE,
            on__gt=today,
            on__lte=today + timedelta(days=MAX_DAYS_BEFORE + 1),
        ).values_list("pk", "on", "trajectory__coach_id", "trajectory__wethouder_id")
    )
    days = _days_before({user for row in rows for user in row[2:]})
    for pk, on, *users in rows:
        for user_id in users:
            for before in days[user_id]:
                due = morning(on - timedelta(days=before))
                if _in_window(due, now) and due > now - UPCOMING_CATCH_UP:
                    yield Candidate(
                        ReminderKind.APPOINTMENT_UPCOMING,
                        user_id,
                        pk,
                        due,
                        {"on": on.isoformat(), "days_before": before},
                    )


def _targets(reminders) -> set[int]:
    return {reminder.target_id for reminder in reminders}


def _still(queryset, reminders) -> set[int]:
    """Reminders whose target is still in `queryset`."""
    alive = set(queryset.filter(pk__in=_targets(reminders)).values_list("pk", flat=True))
    return {reminder.pk for reminder in reminders if reminder.target_id in alive}


def _upcoming_relevant(reminders) -> set[int]:
    planned = dict(
        Appointment.objects.filter(
            pk__in=_targets(reminders), status=AppointmentStatus.PLANNED, trajectory__state=TrajectoryState.ACTIVE
        ).values_list("pk", "on")
    )
    days = _days_before({reminder.user_id for reminder in reminders})
    return {
        r.pk
        for r in reminders
        if r.target_id in planned
        and planned[r.target_id].isoformat() == r.context.get("on")
        and r.context.get("days_before") in days[r.user_id]
    }


def _appointment_path(reminder) -> str:
    return reverse("coaching:appointment_detail", args=[reminder.target_id])


# --- Sessions not logged (coach) --------------------------------------------------------------------


def _not_logged(now: datetime):
    today = local_date(now)
    rows = Appointment.objects.filter(
        kind=AppointmentKind.SESSION,
        status=AppointmentStatus.PLANNED,
        trajectory__state=TrajectoryState.ACTIVE,
        on__lt=today,
        on__gte=today - LOOKBACK - timedelta(days=1),
    ).values_list("pk", "on", "trajectory__coach_id")
    for pk, on, coach_id in rows:
        due = morning(on + timedelta(days=1))
        if _in_window(due, now):
            yield Candidate(ReminderKind.SESSION_NOT_LOGGED, coach_id, pk, due, {"on": on.isoformat()})


def _not_logged_relevant(reminders) -> set[int]:
    planned = Appointment.objects.filter(status=AppointmentStatus.PLANNED, trajectory__state=TrajectoryState.ACTIVE)
    return _still(planned, reminders)


# --- Matches: the coach's answer, the klik question, the coordinators' approval ---------------------


def _match_waiting(now: datetime):
    start, end = _window(now)
    rows = Match.objects.filter(
        state=MatchState.APPROVED,
        approved_at__gt=start - MATCH_ANSWER_REMINDER_AFTER,
        approved_at__lte=end - MATCH_ANSWER_REMINDER_AFTER,
    ).values_list("pk", "coach_id", "approved_at")
    for pk, coach_id, approved_at in rows:
        yield Candidate(ReminderKind.MATCH_WAITING, coach_id, pk, approved_at + MATCH_ANSWER_REMINDER_AFTER)


def _match_waiting_relevant(reminders) -> set[int]:
    return _still(Match.objects.filter(state=MatchState.APPROVED), reminders)


def _klik_question(now: datetime):
    start, _end = _window(now)
    rows = Match.objects.filter(
        state=MatchState.KENNISMAKING_PLANNED, kennismaking_at__gt=start - timedelta(days=1), kennismaking_at__lte=now
    ).values_list("pk", "kennismaking_at", "coach_id", "coach_klik", "wethouder_id", "wethouder_klik")
    for pk, at, coach_id, coach_klik, wethouder_id, wethouder_klik in rows:
        due = next_morning(at)
        for user_id, answer in ((coach_id, coach_klik), (wethouder_id, wethouder_klik)):
            if answer is None and _in_window(due, now):
                yield Candidate(ReminderKind.KLIK_QUESTION, user_id, pk, due)


def _klik_relevant(reminders) -> set[int]:
    """Still waiting for the answer of the reminder's recipient."""
    matches = Match.objects.filter(pk__in=_targets(reminders), state=MatchState.KENNISMAKING_PLANNED)
    waiting = set()
    for pk, *sides in matches.values_list("pk", "coach_id", "coach_klik", "wethouder_id", "wethouder_klik"):
        waiting |= {(pk, user_id) for user_id, answer in (sides[:2], sides[2:]) if answer is None}
    return {r.pk for r in reminders if (r.target_id, r.user_id) in waiting}


def _match_path(reminder) -> str:
    return reverse("coaching:match_detail", args=[reminder.target_id])


def _proposal_waiting(now: datetime):
    start, end = _window(now)
    rows = list(
        Match.objects.filter(
            state=MatchState.PROPOSED,
            proposed_at__gt=start - PROPOSAL_REMINDER_AFTER,
            proposed_at__lte=end - PROPOSAL_REMINDER_AFTER,
        ).values_list("pk", "proposed_at", "intake_id")
    )
    for coordinator_id in _coordinator_ids() if rows else []:
        for pk, proposed_at, intake_id in rows:
            yield Candidate(
                ReminderKind.PROPOSAL_WAITING,
                coordinator_id,
                pk,
                proposed_at + PROPOSAL_REMINDER_AFTER,
                {"intake": intake_id},
            )


def _proposal_relevant(reminders) -> set[int]:
    return _still(Match.objects.filter(state=MatchState.PROPOSED), reminders)


def _proposal_path(reminder) -> str:
    return reverse("coaching:proposals", args=[reminder.context["intake"]])


# --- Evaluations (wethouder) -----------------------------------------------------------------------

EVALUATION_FOR = {AppointmentKind.INTERIM_EVALUATION: "interim", AppointmentKind.FINAL_EVALUATION: "final"}


def _evaluation_due(now: datetime):
    today = local_date(now)
    rows = Appointment.objects.filter(
        kind__in=list(EVALUATION_FOR),
        status=AppointmentStatus.PLANNED,
        trajectory__state=TrajectoryState.ACTIVE,
        on__gte=today - LOOKBACK,
        on__lte=today + LOOKAHEAD,
    ).values_list("pk", "on", "kind", "trajectory_id", "trajectory__wethouder_id")
    for pk, on, kind, trajectory_id, wethouder_id in rows:
        due = morning(on)
        if _in_window(due, now):
            context = {"trajectory": trajectory_id, "evaluation": EVALUATION_FOR[kind]}
            yield Candidate(ReminderKind.EVALUATION_DUE, wethouder_id, pk, due, context)


def _evaluation_relevant(reminders) -> set[int]:
    trajectories = {reminder.context["trajectory"] for reminder in reminders}
    done = set(Evaluation.objects.filter(trajectory_id__in=trajectories).values_list("trajectory_id", "kind"))
    active = set(Trajectory.objects.active().filter(pk__in=trajectories).values_list("pk", flat=True))
    return {
        r.pk
        for r in reminders
        if r.context["trajectory"] in active and (r.context["trajectory"], r.context["evaluation"]) not in done
    }


def _evaluation_path(reminder) -> str:
    return reverse("coaching:evaluate", args=[reminder.context["trajectory"], reminder.context["evaluation"]])


# --- Coordinators: intakes, trajectories, profiles ----------------------------------------------------


def _for_coordinators(kind: str, rows: list[tuple[int, datetime]], now: datetime, context=None):
    due_rows = [(pk, due) for pk, due in rows if _in_window(due, now)]
    for coordinator_id in _coordinator_ids() if due_rows else []:
        for pk, due in due_rows:
            yield Candidate(kind, coordinator_id, pk, due, context or {})


def _intake_waiting(now: datetime):
    start, end = _window(now)
    rows = Intake.objects.filter(
        state=IntakeState.SUBMITTED, submitted_at__gt=start - timedelta(days=9), submitted_at__lte=end
    ).values_list("pk", "submitted_at")
    due = [(pk, add_working_days(submitted, INTAKE_WAITING_WORKING_DAYS)) for pk, submitted in rows]
    return _for_coordinators(ReminderKind.INTAKE_WAITING, due, now)


def _intake_relevant(reminders) -> set[int]:
    return _still(Intake.objects.filter(state=IntakeState.SUBMITTED), reminders)


def _intake_path(reminder) -> str:
    return reverse("intake:detail", args=[reminder.target_id])


def _last_session_moments():
    held = Max("appointments__held_at", filter=Q(appointments__kind="session", appointments__status="held"))
    return Trajectory.objects.filter(state=TrajectoryState.ACTIVE).annotate(last_held=held)


def _behind_due(trajectory) -> datetime:
    last_held = local_date(trajectory.last_held) if trajectory.last_held else None
    return morning(planning.quiet_from(last_held=last_held, klik_on=trajectory.klik_on))


def _trajectory_behind(now: datetime):
    rows = [(t.pk, _behind_due(t)) for t in _last_session_moments().only("pk", "klik_on")]
    return _for_coordinators(ReminderKind.TRAJECTORY_BEHIND, rows, now)


def _behind_relevant(reminders) -> set[int]:
    """Still behind, and since the same moment (a session held since makes a new due moment)."""
    trajectories = _last_session_moments().filter(pk__in=_targets(reminders)).only("pk", "klik_on")
    due = {trajectory.pk: _behind_due(trajectory) for trajectory in trajectories}
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _behind_plan_due(trajectory_ids=None) -> dict[int, datetime]:
    """Per active trajectory behind its plan at some point: the morning `planning.behind_from`
    names. One query over the sessions the pace counts."""
    sessions = Appointment.objects.filter(
        kind=AppointmentKind.SESSION,
        status__in=[AppointmentStatus.PLANNED, AppointmentStatus.HELD],
        trajectory__state=TrajectoryState.ACTIVE,
    )
    if trajectory_ids is not None:
        sessions = sessions.filter(trajectory_id__in=trajectory_ids)
    dates, held = defaultdict(list), defaultdict(int)
    for trajectory_id, on, status in sessions.values_list("trajectory_id", "on", "status"):
        dates[trajectory_id].append(on)
        held[trajectory_id] += status == AppointmentStatus.HELD
    due = {pk: planning.behind_from(session_dates=days, held=held[pk]) for pk, days in dates.items()}
    return {pk: morning(day) for pk, day in due.items() if day is not None}


def _trajectory_behind_plan(now: datetime):
    return _for_coordinators(ReminderKind.TRAJECTORY_BEHIND_PLAN, list(_behind_plan_due().items()), now)


def _behind_plan_relevant(reminders) -> set[int]:
    """Still behind, since the same moment (a session held since moves the due moment on)."""
    due = _behind_plan_due(_targets(reminders))
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _trajectory_ending(now: datetime):
    today = local_date(now)
    rows = Trajectory.objects.filter(
        state=TrajectoryState.ACTIVE,
        ends_on__gt=today + ENDING_WITHIN - LOOKBACK - timedelta(days=1),
        ends_on__lte=today + ENDING_WITHIN + LOOKAHEAD,
    ).values_list("pk", "ends_on")
    due = [(pk, morning(ends_on - ENDING_WITHIN)) for pk, ends_on in rows]
    return _for_coordinators(ReminderKind.TRAJECTORY_ENDING, due, now)


def _ending_relevant(reminders) -> set[int]:
    ends_on = dict(Trajectory.objects.active().filter(pk__in=_targets(reminders)).values_list("pk", "ends_on"))
    due = {pk: morning(day - ENDING_WITHIN) for pk, day in ends_on.items()}
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _trajectory_path(reminder) -> str:
    return reverse("coaching:trajectory_detail", args=[reminder.target_id])


def _confirmed(row) -> datetime:
    return row["profile_confirmed_at"] or row["created_at"]


def _profile_unconfirmed(now: datetime):
    start, end = _window(now)
    since = Q(profile_confirmed_at__isnull=False, profile_confirmed_at__gt=start - PROFILE_CONFIRM_EVERY)
    since &= Q(profile_confirmed_at__lte=end - PROFILE_CONFIRM_EVERY)
    never = Q(profile_confirmed_at__isnull=True, created_at__gt=start - PROFILE_CONFIRM_EVERY)
    never &= Q(created_at__lte=end - PROFILE_CONFIRM_EVERY)
    rows = CoachProfile.objects.filter(since | never).values("pk", "profile_confirmed_at", "created_at")
    due = [(row["pk"], next_morning(_confirmed(row) + PROFILE_CONFIRM_EVERY)) for row in rows]
    return _for_coordinators(ReminderKind.PROFILE_UNCONFIRMED, due, now)


def _profile_relevant(reminders) -> set[int]:
    rows = CoachProfile.objects.filter(pk__in=_targets(reminders)).values("pk", "profile_confirmed_at", "created_at")
    due = {row["pk"]: next_morning(_confirmed(row) + PROFILE_CONFIRM_EVERY) for row in rows}
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _profile_path(reminder) -> str:
    return reverse("coaching:coach_edit", args=[reminder.target_id])


# --- A reminder that failed (coordinators; made by the delivery, not planned) --------------------------


def _none(now: datetime):
    return ()


def _failed_path(reminder) -> str:
    return reverse("notifications:failed")


# --- Events (recorded as they happen, see services.record_event) ---------------------------------


def _all(reminders) -> set[int]:
    return {reminder.pk for reminder in reminders}


def _home_path(reminder) -> str:
    return reverse("home")


def _event(path) -> Source:
    return Source(_none, _all, path)


SOURCES: dict[str, Source] = {
    ReminderKind.APPOINTMENT_UPCOMING: Source(_upcoming, _upcoming_relevant, _appointment_path),
    ReminderKind.SESSION_NOT_LOGGED: Source(_not_logged, _not_logged_relevant, _appointment_path),
    ReminderKind.MATCH_WAITING: Source(_match_waiting, _match_waiting_relevant, _match_path),
    ReminderKind.KLIK_QUESTION: Source(_klik_question, _klik_relevant, _match_path),
    ReminderKind.EVALUATION_DUE: Source(_evaluation_due, _evaluation_relevant, _evaluation_path),
    ReminderKind.INTAKE_WAITING: Source(_intake_waiting, _intake_relevant, _intake_path),
    ReminderKind.PROPOSAL_WAITING: Source(_proposal_waiting, _proposal_relevant, _proposal_path),
    ReminderKind.TRAJECTORY_BEHIND: Source(_trajectory_behind, _behind_relevant, _trajectory_path),
    ReminderKind.TRAJECTORY_BEHIND_PLAN: Source(_trajectory_behind_plan, _behind_plan_relevant, _trajectory_path),
    ReminderKind.TRAJECTORY_ENDING: Source(_trajectory_ending, _ending_relevant, _trajectory_path),
    ReminderKind.PROFILE_UNCONFIRMED: Source(_profile_unconfirmed, _profile_relevant, _profile_path),
    ReminderKind.REMINDER_FAILED: Source(_none, _all, _failed_path),
    # The wethouder sees a match once the coach accepted; before that, their home says where it stands.
    ReminderKind.MATCH_APPROVED: _event(_home_path),
    ReminderKind.MATCH_ACCEPTED: _event(_match_path),
    ReminderKind.KENNISMAKING_PLANNED: _event(_match_path),
    ReminderKind.NO_KLIK: _event(_home_path),
    ReminderKind.TRAJECTORY_STARTED: _event(_trajectory_path),
    ReminderKind.SUMMARY_SHARED: _event(_appointment_path),
    ReminderKind.OBSERVATION_REPORTED: _event(_appointment_path),
}
