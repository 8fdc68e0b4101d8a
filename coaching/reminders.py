"""The coaching reminders, planned by the reminder system (`bestuurderspool/notifications`):
appointments coming up and sessions not logged, the matches' questions, the evaluations, a
proposal to move an appointment that waits for the coach's answer, and the coordinators'
signals about proposals, trajectories and profiles; and the coaching events on the
notification list. Registered when the app starts (`apps.py`).

Each source reads the database in a query or two per kind, whatever the number of rows; see
`bestuurderspool/notifications/sources.py` for the contract.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from bestuurderspool.mail import Attachment
from bestuurderspool.notifications import sources
from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.schedule import add_working_days, local_date, morning, next_morning
from bestuurderspool.notifications.sources import (
    LOOKAHEAD,
    LOOKBACK,
    MAX_DAYS_BEFORE,
    Candidate,
    Mail,
    Source,
    coordinator_ids,
    days_before,
    event,
    for_coordinators,
    home_path,
    in_window,
    still,
    targets,
    window,
)

from . import planning
from .calendar import appointment_ics
from .enums import AppointmentKind, AppointmentStatus, MatchState, MoveProposalStatus, TrajectoryState
from .models import Appointment, AppointmentMoveProposal, CoachProfile, Evaluation, Match, Trajectory

#: An appointment reminder is caught up at most this late: a "7 days before" that was missed by
#: more than a day (or whose date was set after it) would arrive too late to mean anything.
UPCOMING_CATCH_UP = timedelta(days=1)
MATCH_ANSWER_REMINDER_AFTER = timedelta(days=2)
PROPOSAL_REMINDER_AFTER = timedelta(days=2)
ENDING_WITHIN = planning.ENDING_WITHIN
PROFILE_CONFIRM_EVERY = timedelta(days=365)
MOVE_ANSWER_WORKING_DAYS = 2
#: Two working days span at most four calendar days (from a Thursday or Friday over the weekend).
MOVE_ANSWER_AT_MOST = timedelta(days=4)


# --- Appointments coming up (coach and wethouder) ------------------------------------------------


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
    days = days_before({user for row in rows for user in row[2:]})
    for pk, on, *users in rows:
        for user_id in users:
            for before in days[user_id]:
                due = morning(on - timedelta(days=before))
                if in_window(due, now) and due > now - UPCOMING_CATCH_UP:
                    yield Candidate(
                        ReminderKind.APPOINTMENT_UPCOMING,
                        user_id,
                        pk,
                        due,
                        {"on": on.isoformat(), "days_before": before},
                    )


def _upcoming_relevant(reminders) -> set[int]:
    planned = dict(
        Appointment.objects.filter(
            pk__in=targets(reminders), status=AppointmentStatus.PLANNED, trajectory__state=TrajectoryState.ACTIVE
        ).values_list("pk", "on")
    )
    days = days_before({reminder.user_id for reminder in reminders})
    return {
        r.pk
        for r in reminders
        if r.target_id in planned
        and planned[r.target_id].isoformat() == r.context.get("on")
        and r.context.get("days_before") in days[r.user_id]
    }


def _appointment_path(reminder) -> str:
    return reverse("coaching:appointment_detail", args=[reminder.target_id])


def _appointment_mail(reminders) -> dict[int, Mail]:
    """The appointment of each reminder for the mail's text (one query), and for one coming up
    its .ics, so it lands in the calendar."""
    wanted = targets(reminders)
    appointments = Appointment.objects.select_related("trajectory__coach", "trajectory__wethouder").in_bulk(wanted)
    return {r.pk: _mail_about(r, appointments.get(r.target_id)) for r in reminders}


def _mail_about(reminder, appointment) -> Mail:
    attachments = ()
    if appointment is not None and reminder.kind == ReminderKind.APPOINTMENT_UPCOMING:
        ics = appointment_ics(appointment, for_user=reminder.user)
        attachments = (Attachment("afspraak.ics", ics, "text/calendar"),)
    days_left = (appointment.on - timezone.localdate()).days if appointment else None
    return Mail({"appointment": appointment, "days_left": days_left}, attachments)


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
        if in_window(due, now):
            yield Candidate(ReminderKind.SESSION_NOT_LOGGED, coach_id, pk, due, {"on": on.isoformat()})


def _not_logged_relevant(reminders) -> set[int]:
    planned = Appointment.objects.filter(status=AppointmentStatus.PLANNED, trajectory__state=TrajectoryState.ACTIVE)
    return still(planned, reminders)


# --- Matches: the coach's answer, the klik question, the coordinators' approval ---------------------


def _match_waiting(now: datetime):
    start, end = window(now)
    rows = Match.objects.filter(
        state=MatchState.APPROVED,
        approved_at__gt=start - MATCH_ANSWER_REMINDER_AFTER,
        approved_at__lte=end - MATCH_ANSWER_REMINDER_AFTER,
    ).values_list("pk", "coach_id", "approved_at")
    for pk, coach_id, approved_at in rows:
        yield Candidate(ReminderKind.MATCH_WAITING, coach_id, pk, approved_at + MATCH_ANSWER_REMINDER_AFTER)


def _match_waiting_relevant(reminders) -> set[int]:
    return still(Match.objects.filter(state=MatchState.APPROVED), reminders)


def _klik_question(now: datetime):
    start, _end = window(now)
    rows = Match.objects.filter(
        state=MatchState.KENNISMAKING_PLANNED, kennismaking_at__gt=start - timedelta(days=1), kennismaking_at__lte=now
    ).values_list("pk", "kennismaking_at", "coach_id", "coach_klik", "wethouder_id", "wethouder_klik")
    for pk, at, coach_id, coach_klik, wethouder_id, wethouder_klik in rows:
        due = next_morning(at)
        for user_id, answer in ((coach_id, coach_klik), (wethouder_id, wethouder_klik)):
            if answer is None and in_window(due, now):
                yield Candidate(ReminderKind.KLIK_QUESTION, user_id, pk, due)


def _klik_relevant(reminders) -> set[int]:
    """Still waiting for the answer of the reminder's recipient."""
    matches = Match.objects.filter(pk__in=targets(reminders), state=MatchState.KENNISMAKING_PLANNED)
    waiting = set()
    for pk, *sides in matches.values_list("pk", "coach_id", "coach_klik", "wethouder_id", "wethouder_klik"):
        waiting |= {(pk, user_id) for user_id, answer in (sides[:2], sides[2:]) if answer is None}
    return {r.pk for r in reminders if (r.target_id, r.user_id) in waiting}


def _match_path(reminder) -> str:
    return reverse("coaching:match_detail", args=[reminder.target_id])


def _proposal_waiting(now: datetime):
    start, end = window(now)
    rows = list(
        Match.objects.filter(
            state=MatchState.PROPOSED,
            proposed_at__gt=start - PROPOSAL_REMINDER_AFTER,
            proposed_at__lte=end - PROPOSAL_REMINDER_AFTER,
        ).values_list("pk", "proposed_at", "intake_id")
    )
    for coordinator_id in coordinator_ids() if rows else []:
        for pk, proposed_at, intake_id in rows:
            yield Candidate(
                ReminderKind.PROPOSAL_WAITING,
                coordinator_id,
                pk,
                proposed_at + PROPOSAL_REMINDER_AFTER,
                {"intake": intake_id},
            )


def _proposal_relevant(reminders) -> set[int]:
    return still(Match.objects.filter(state=MatchState.PROPOSED), reminders)


def _proposal_path(reminder) -> str:
    return reverse("coaching:proposals", args=[reminder.context["intake"]])


# --- A proposal to move an appointment waits for the coach's answer --------------------------------


def _open_move_proposals():
    return AppointmentMoveProposal.objects.filter(
        status=MoveProposalStatus.OPEN,
        appointment__status=AppointmentStatus.PLANNED,
        appointment__trajectory__state=TrajectoryState.ACTIVE,
    )


def _move_proposal_waiting(now: datetime):
    """Once per proposal, two working days after it was made (same time of day, Amsterdam): its
    due moment never changes, so neither does its key. The reason is not even read."""
    start, end = window(now)
    rows = (
        _open_move_proposals()
        .filter(created_at__gt=start - MOVE_ANSWER_AT_MOST, created_at__lte=end)
        .values_list("pk", "created_at", "appointment_id", "appointment__trajectory__coach_id")
    )
    for pk, created_at, appointment_id, coach_id in rows:
        due = add_working_days(created_at, MOVE_ANSWER_WORKING_DAYS)
        if in_window(due, now):
            yield Candidate(ReminderKind.MOVE_PROPOSAL_WAITING, coach_id, pk, due, {"appointment": appointment_id})


def _move_proposal_relevant(reminders) -> set[int]:
    """Still open: an answer, a withdrawal or another change to the appointment sends nothing."""
    return still(_open_move_proposals(), reminders)


def _move_proposal_path(reminder) -> str:
    return reverse("coaching:appointment_detail", args=[reminder.context["appointment"]])


def _move_proposal_mail(reminders) -> dict[int, Mail]:
    """The appointment as it stands and the proposed date (one query); never the reason."""
    proposals = (
        AppointmentMoveProposal.objects.select_related("appointment")
        .only("pk", "on", "start_time", "appointment__kind", "appointment__on", "appointment__start_time")
        .in_bulk(targets(reminders))
    )
    mails = {}
    for reminder in reminders:
        proposal = proposals.get(reminder.target_id)
        appointment = proposal.appointment if proposal else None
        mails[reminder.pk] = Mail({"proposal": proposal, "appointment": appointment})
    return mails


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
        if in_window(due, now):
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


# --- Coordinators: trajectories, profiles ----------------------------------------------------------


def _last_session_moments():
    held = Max("appointments__held_at", filter=Q(appointments__kind="session", appointments__status="held"))
    return Trajectory.objects.filter(state=TrajectoryState.ACTIVE).annotate(last_held=held)


def _behind_due(trajectory) -> datetime:
    last_held = local_date(trajectory.last_held) if trajectory.last_held else None
    return morning(planning.quiet_from(last_held=last_held, klik_on=trajectory.klik_on))


def _trajectory_behind(now: datetime):
    rows = [(t.pk, _behind_due(t)) for t in _last_session_moments().only("pk", "klik_on")]
    return for_coordinators(ReminderKind.TRAJECTORY_BEHIND, rows, now)


def _behind_relevant(reminders) -> set[int]:
    """Still behind, and since the same moment (a session held since makes a new due moment)."""
    trajectories = _last_session_moments().filter(pk__in=targets(reminders)).only("pk", "klik_on")
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
    return for_coordinators(ReminderKind.TRAJECTORY_BEHIND_PLAN, list(_behind_plan_due().items()), now)


def _behind_plan_relevant(reminders) -> set[int]:
    """Still behind, since the same moment (a session held since moves the due moment on)."""
    due = _behind_plan_due(targets(reminders))
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _trajectory_ending(now: datetime):
    today = local_date(now)
    rows = Trajectory.objects.filter(
        state=TrajectoryState.ACTIVE,
        ends_on__gt=today + ENDING_WITHIN - LOOKBACK - timedelta(days=1),
        ends_on__lte=today + ENDING_WITHIN + LOOKAHEAD,
    ).values_list("pk", "ends_on")
    due = [(pk, morning(ends_on - ENDING_WITHIN)) for pk, ends_on in rows]
    return for_coordinators(ReminderKind.TRAJECTORY_ENDING, due, now)


def _ending_relevant(reminders) -> set[int]:
    ends_on = dict(Trajectory.objects.active().filter(pk__in=targets(reminders)).values_list("pk", "ends_on"))
    due = {pk: morning(day - ENDING_WITHIN) for pk, day in ends_on.items()}
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _trajectory_path(reminder) -> str:
    return reverse("coaching:trajectory_detail", args=[reminder.target_id])


def _confirmed(row) -> datetime:
    return row["profile_confirmed_at"] or row["created_at"]


def _profile_unconfirmed(now: datetime):
    start, end = window(now)
    since = Q(profile_confirmed_at__isnull=False, profile_confirmed_at__gt=start - PROFILE_CONFIRM_EVERY)
    since &= Q(profile_confirmed_at__lte=end - PROFILE_CONFIRM_EVERY)
    never = Q(profile_confirmed_at__isnull=True, created_at__gt=start - PROFILE_CONFIRM_EVERY)
    never &= Q(created_at__lte=end - PROFILE_CONFIRM_EVERY)
    rows = CoachProfile.objects.filter(since | never).values("pk", "profile_confirmed_at", "created_at")
    due = [(row["pk"], next_morning(_confirmed(row) + PROFILE_CONFIRM_EVERY)) for row in rows]
    return for_coordinators(ReminderKind.PROFILE_UNCONFIRMED, due, now)


def _profile_relevant(reminders) -> set[int]:
    rows = CoachProfile.objects.filter(pk__in=targets(reminders)).values("pk", "profile_confirmed_at", "created_at")
    due = {row["pk"]: next_morning(_confirmed(row) + PROFILE_CONFIRM_EVERY) for row in rows}
    return {r.pk for r in reminders if due.get(r.target_id) == r.due_at}


def _profile_path(reminder) -> str:
    return reverse("coaching:coach_edit", args=[reminder.target_id])


COACHING_SOURCES = {
    ReminderKind.APPOINTMENT_UPCOMING: Source(_upcoming, _upcoming_relevant, _appointment_path, _appointment_mail),
    ReminderKind.SESSION_NOT_LOGGED: Source(_not_logged, _not_logged_relevant, _appointment_path, _appointment_mail),
    ReminderKind.MATCH_WAITING: Source(_match_waiting, _match_waiting_relevant, _match_path),
    ReminderKind.KLIK_QUESTION: Source(_klik_question, _klik_relevant, _match_path),
    ReminderKind.EVALUATION_DUE: Source(_evaluation_due, _evaluation_relevant, _evaluation_path),
    ReminderKind.PROPOSAL_WAITING: Source(_proposal_waiting, _proposal_relevant, _proposal_path),
    ReminderKind.TRAJECTORY_BEHIND: Source(_trajectory_behind, _behind_relevant, _trajectory_path),
    ReminderKind.TRAJECTORY_BEHIND_PLAN: Source(_trajectory_behind_plan, _behind_plan_relevant, _trajectory_path),
    ReminderKind.TRAJECTORY_ENDING: Source(_trajectory_ending, _ending_relevant, _trajectory_path),
    ReminderKind.PROFILE_UNCONFIRMED: Source(_profile_unconfirmed, _profile_relevant, _profile_path),
    ReminderKind.MOVE_PROPOSAL_WAITING: Source(
        _move_proposal_waiting, _move_proposal_relevant, _move_proposal_path, _move_proposal_mail
    ),
    # Events. The wethouder sees a match once the coach accepted; before that, their home says where it stands.
    ReminderKind.MATCH_APPROVED: event(home_path),
    ReminderKind.MATCH_ACCEPTED: event(_match_path),
    ReminderKind.KENNISMAKING_PLANNED: event(_match_path),
    ReminderKind.NO_KLIK: event(home_path),
    ReminderKind.TRAJECTORY_STARTED: event(_trajectory_path),
    ReminderKind.SUMMARY_SHARED: event(_appointment_path),
    ReminderKind.OBSERVATION_REPORTED: event(_appointment_path),
    ReminderKind.MOVE_AGREED: event(_appointment_path),
    ReminderKind.MOVE_DECLINED: event(_appointment_path),
}


def register() -> None:
    for kind, source in COACHING_SOURCES.items():
        sources.register(kind, source)
