"""The trajectory after a klik: its plan, the appointments and their changes, the coach's
logs, the wethouder's evaluations, and its end.

Every write checks who writes (coach, wethouder, coordinator), that the trajectory is still
open, and the plan's bounds, and raises a translated ValidationError naming the form field.
Confidential texts are only ever passed to `AppointmentReport` / `Evaluation` (encrypted) and
never into events, task arguments, emails or log lines.
"""

from datetime import date, time

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.services import record_event
from councils.models import Recess

from .. import planning
from ..enums import (
    AppointmentAction,
    AppointmentKind,
    AppointmentStatus,
    EvaluationKind,
    MatchState,
    MoveProposalStatus,
    TrajectoryState,
)
from ..models import (
    Appointment,
    AppointmentChange,
    AppointmentMoveProposal,
    AppointmentReport,
    CalendarFeed,
    Evaluation,
    Match,
    Trajectory,
)
from ..models.pool import SHORT_TEXT_MAX_LENGTH
from ..tasks.trajectories import send_trajectory_email
from .matches import close_and_propose_next, end_match, locked_match

# --- Messages for the planner's rules ----------------------------------------------------------


def plan_error(error: planning.PlanError) -> ValidationError:
    messages = {
        "sessions_out_of_bounds": _("A trajectory has between %(minimum)s and %(maximum)s sessions."),
        "months_out_of_bounds": _("A trajectory lasts between %(minimum)s and %(maximum)s months."),
        "before_klik": _("This date lies before the klik (%(klik)s)."),
        "first_session_too_late": _("The first session falls within %(days)s days of the klik."),
        "in_recess": _("The council is in recess from %(starts_on)s to %(ends_on)s: no council or committee meetings."),
    }
    params = {
        key: formats.date_format(value, "j F Y") if isinstance(value, date) else value
        for key, value in error.params.items()
    }
    return ValidationError({error.field: messages[error.code] % params}, code=error.code)


def _require_open(trajectory: Trajectory) -> None:
    if not trajectory.is_open:
        raise ValidationError(
            _("This trajectory has ended (%(state)s); nothing can be changed any more.")
            % {"state": trajectory.get_state_display()},
            code="closed",
        )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message, code="not_allowed")


def _is_party(trajectory: Trajectory, user) -> bool:
    return user.pk in (trajectory.coach_id, trajectory.wethouder_id)


def _locked(trajectory: Trajectory) -> Trajectory:
    return Trajectory.objects.select_for_update().get(pk=trajectory.pk)


def _locked_appointment(appointment: Appointment) -> Appointment:
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    appointment.trajectory = Trajectory.objects.select_for_update().get(pk=appointment.trajectory_id)
    return appointment


def _change(appointment: Appointment, action: str, *, by, reason: str = "", from_date=None, to_date=None) -> None:
    AppointmentChange.objects.create(
        appointment=appointment,
        action=action,
        by=by,
        at=timezone.now(),
        from_date=from_date,
        to_date=to_date,
        reason=reason,
    )


def _mail(trajectory: Trajectory, kind: str, appointment: Appointment | None = None) -> None:
    appointment_id = appointment.pk if appointment else None
    transaction.on_commit(lambda: send_trajectory_email.delay(trajectory.pk, kind, appointment_id))


# --- Start and plan ----------------------------------------------------------------------------


def start_trajectory(match: Match, *, by, klik_on: date | None = None) -> Trajectory:
    """Both sides said klik: the trajectory starts with a plan that follows the wethouder's
    wishes from the intake (else 6 sessions over 9 months), with the observations the intake
    asked for, an interim evaluation and a closing conversation. Called inside record_klik's
    transaction; `klik_on` (default today) lets the demo data start a trajectory in the past."""
    klik_on = klik_on or timezone.localdate()
    intake = match.intake
    settings = tuple(intake.observation_settings) if intake.wants_observation else ()
    recesses = _recesses(intake.municipality, klik_on)
    sessions = intake.preferred_sessions or planning.DEFAULT_SESSIONS
    months = intake.preferred_months or planning.DEFAULT_MONTHS
    plan = planning.propose_plan(
        klik_on, sessions=sessions, months=months, observation_settings=settings, recesses=recesses
    )
    trajectory = Trajectory.objects.create(
        match=match,
        coach_id=match.coach_id,
        wethouder_id=match.wethouder_id,
        klik_on=klik_on,
        planned_sessions=sessions,
        planned_months=months,
        ends_on=plan.end,
    )
    _create_appointments(trajectory, plan)
    _mail(trajectory, "started")
    return trajectory


def _recesses(municipality, klik_on: date):
    """The council's recesses over the longest trajectory that can start on `klik_on`."""
    end = planning.add_months(klik_on, planning.MAX_MONTHS)
    return Recess.objects.periods_for(municipality, start=klik_on, end=end)


def _create_appointments(trajectory: Trajectory, plan: planning.Plan) -> None:
    Appointment.objects.bulk_create(
        Appointment(trajectory=trajectory, kind=item.kind, on=item.on, setting=item.setting) for item in plan.items
    )


def check_plan(trajectory: Trajectory, *, sessions: int, months: int, first_session: date, by) -> planning.Plan:
    """The plan these numbers make for `trajectory`, or a ValidationError saying why not. Writes
    nothing: the confirmation step shows its outcome before `plan_trajectory` saves it."""
    _require(_is_party(trajectory, by), _("Only the coach and the wethouder adjust the plan."))
    _require_open(trajectory)
    if trajectory.appointments.filter(status=AppointmentStatus.HELD).exists():
        raise ValidationError(
            _("The plan can be changed until the first session is held. Reschedule single appointments instead."),
            code="plan_started",
        )
    settings = tuple(
        trajectory.appointments.filter(kind=AppointmentKind.OBSERVATION, extra=False)
        .exclude(status=AppointmentStatus.CANCELLED)
        .values_list("setting", flat=True)
    )
    try:
        return planning.propose_plan(
            trajectory.klik_on,
            sessions=sessions,
            months=months,
            first_session=first_session,
            observation_settings=settings,
            recesses=_recesses(trajectory.match.intake.municipality, trajectory.klik_on),
        )
    except planning.PlanError as error:
        raise plan_error(error) from error


@transaction.atomic
def plan_trajectory(trajectory: Trajectory, *, sessions: int, months: int, first_session: date, by) -> Trajectory:
    """Coach or wethouder adjusts the plan: the planned (not yet held, not extra) appointments
    are made again from the new numbers. Only until the first session is held; after that, single
    appointments are rescheduled, added or cancelled."""
    trajectory = _locked(trajectory)
    plan = check_plan(trajectory, sessions=sessions, months=months, first_session=first_session, by=by)
    trajectory.appointments.filter(extra=False, status=AppointmentStatus.PLANNED).delete()
    _create_appointments(trajectory, plan)
    trajectory.planned_sessions, trajectory.planned_months, trajectory.ends_on = sessions, months, plan.end
    trajectory.plan_confirmed_at = timezone.now()
    trajectory.save()
    _mail(trajectory, "plan_changed")
    return trajectory


# --- Appointments ------------------------------------------------------------------------------


def _check_date(appointment: Appointment, on: date) -> None:
    try:
        if on < appointment.trajectory.klik_on:
            raise planning.PlanError("before_klik", "on", klik=appointment.trajectory.klik_on)
        if appointment.kind == AppointmentKind.OBSERVATION:
            municipality = appointment.trajectory.match.intake.municipality
            recesses = Recess.objects.periods_for(municipality, start=on, end=on)
            planning.check_observation_date(appointment.setting, on, recesses=recesses)
    except planning.PlanError as error:
        error.field = "on"
        raise plan_error(error) from error


def _require_changeable(appointment: Appointment, by) -> None:
    _require(_is_party(appointment.trajectory, by), _("Only the coach and the wethouder change appointments."))
    _require_open(appointment.trajectory)
    if appointment.status not in (AppointmentStatus.PLANNED, AppointmentStatus.PROPOSED):
        raise ValidationError(
            _("This appointment is %(status)s and cannot be changed.") % {"status": appointment.get_status_display()},
            code="not_open",
        )


def overtake_move_proposals(appointments) -> None:
    """The appointment(s) changed otherwise (moved, cancelled, held, the trajectory ended): a
    proposal to move them that is still open no longer applies."""
    if isinstance(appointments, Appointment):
        appointments = [appointments]
    AppointmentMoveProposal.objects.filter(appointment__in=appointments, status=MoveProposalStatus.OPEN).update(
        status=MoveProposalStatus.OVERTAKEN, answered_at=timezone.now()
    )


def move(
    appointment: Appointment,
    *,
    on: date,
    start_time: time | None,
    location: str,
    reason: str,
    by,
    occasion: str = "",
    mail_kind: str = "rescheduled",
) -> Appointment:
    """Move a locked, changeable appointment: the date rules (not before the klik, observations
    outside the council's recess), the history with the reason, an open proposal to move it
    overtaken, and the mail to both. The one place every move goes through (a direct move by the
    coach, a meeting from the council's calendar, an agreed proposal). An `occasion` (a meeting's
    title) replaces the appointment's; without one it stays."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the change.")}, code="reason_required")
    _check_date(appointment, on)
    old = appointment.on
    appointment.on, appointment.start_time, appointment.location = on, start_time, location.strip()
    appointment.occasion = occasion or appointment.occasion
    appointment.save(update_fields=["on", "start_time", "location", "occasion"])
    _change(appointment, AppointmentAction.RESCHEDULED, by=by, reason=reason.strip(), from_date=old, to_date=on)
    overtake_move_proposals(appointment)
    _mail(appointment.trajectory, mail_kind, appointment)
    return appointment


@transaction.atomic
def reschedule_appointment(
    appointment: Appointment,
    *,
    on: date,
    start_time: time | None,
    location: str,
    reason: str,
    by,
    occasion: str = "",
) -> Appointment:
    """The coach moves an appointment, with a reason; the history keeps the old date. The
    wethouder proposes a move instead (`coaching.services.moves`), which the coach answers."""
    appointment = _locked_appointment(appointment)
    _require_changeable(appointment, by)
    _require(
        rules.has_perm("coaching.reschedule_appointment", by, appointment.trajectory),
        _("Only the coach moves an appointment; the wethouder proposes a move."),
    )
    return move(appointment, on=on, start_time=start_time, location=location, reason=reason, by=by, occasion=occasion)


def meeting_slot(appointment: Appointment, meeting) -> dict:
    """The date, time, place, occasion and reason of moving an observation to a meeting from the
    municipality's council calendar; a meeting of another kind or municipality, or one that has
    taken place, is refused."""
    intake = appointment.trajectory.match.intake
    _require(appointment.kind == AppointmentKind.OBSERVATION, _("Only an observation is planned at a meeting."))
    _require(
        meeting.municipality_id == intake.municipality_id and meeting.kind == appointment.setting,
        _("Choose a meeting of the right kind from the wethouder's own municipality."),
    )
    _require(meeting.starts_at > timezone.now(), _("This meeting has already taken place."))
    starts = timezone.localtime(meeting.starts_at)
    reason = _("Meeting from the council's calendar: %(title)s") % {"title": meeting.title}
    return {
        "on": starts.date(),
        "start_time": starts.time(),
        "location": meeting.location,
        "occasion": meeting.title[:SHORT_TEXT_MAX_LENGTH],
        "reason": reason,
    }


def observe_meeting(appointment: Appointment, *, meeting, by) -> Appointment:
    """The coach plans an observation at a meeting from the municipality's council calendar:
    the date, time and place are the meeting's, and the occasion is its title. The wethouder
    proposes the meeting instead (`coaching.services.moves.propose_meeting`)."""
    return reschedule_appointment(appointment, by=by, **meeting_slot(appointment, meeting))


@transaction.atomic
def cancel_appointment(appointment: Appointment, *, reason: str, by) -> Appointment:
    appointment = _locked_appointment(appointment)
    _require_changeable(appointment, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for cancelling.")}, code="reason_required")
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    _change(appointment, AppointmentAction.CANCELLED, by=by, reason=reason.strip(), from_date=appointment.on)
    overtake_move_proposals(appointment)
    _mail(appointment.trajectory, "cancelled", appointment)
    return appointment


@transaction.atomic
def propose_extra(
    trajectory: Trajectory, *, kind: str, on: date, start_time: time | None, setting: str, occasion: str, by
) -> Appointment:
    """Coach or wethouder proposes a session or observation beyond the plan; the other agrees
    first (the wethouder's wishes lead the content and the length, by mutual agreement)."""
    trajectory = _locked(trajectory)
    _require(_is_party(trajectory, by), _("Only the coach and the wethouder propose an extra appointment."))
    _require_open(trajectory)
    if kind not in (AppointmentKind.SESSION, AppointmentKind.OBSERVATION):
        raise ValidationError({"kind": _("Choose a session or an observation.")}, code="kind")
    if kind == AppointmentKind.OBSERVATION and not setting:
        raise ValidationError({"setting": _("Say where the observation takes place.")}, code="setting_required")
    appointment = Appointment(
        trajectory=trajectory,
        kind=kind,
        on=on,
        start_time=start_time,
        setting=setting if kind == AppointmentKind.OBSERVATION else "",
        occasion=occasion.strip(),
        extra=True,
        status=AppointmentStatus.PROPOSED,
    )
    _check_date(appointment, on)
    if on < timezone.localdate():
        raise ValidationError({"on": _("Propose a date from today on.")}, code="past")
    appointment.save()
    _change(appointment, AppointmentAction.PROPOSED, by=by, to_date=on)
    by_coach = by.pk == trajectory.coach_id
    _mail(trajectory, "extra_proposed" if by_coach else "extra_proposed_by_wethouder", appointment)
    return appointment


@transaction.atomic
def answer_extra(appointment: Appointment, *, agree: bool, by) -> Appointment:
    """The other side agrees to (or declines) an extra appointment: the wethouder when the coach
    proposed it, the coach when the wethouder did."""
    appointment = _locked_appointment(appointment)
    trajectory = appointment.trajectory
    proposer = appointment.changes.filter(action=AppointmentAction.PROPOSED).values_list("by_id", flat=True).first()
    _require(_is_party(trajectory, by) and by.pk != proposer, _("The other side answers a proposed extra appointment."))
    _require_open(trajectory)
    if not appointment.awaits_agreement:
        raise ValidationError(_("This proposal has already been answered."), code="answered")
    appointment.status = AppointmentStatus.PLANNED if agree else AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    _change(appointment, AppointmentAction.AGREED if agree else AppointmentAction.DECLINED, by=by)
    declined = "extra_declined" if by.pk == trajectory.wethouder_id else "extra_declined_by_coach"
    _mail(trajectory, "extra_agreed" if agree else declined, appointment)
    return appointment


# --- The coach's log ---------------------------------------------------------------------------


def _check_held_at(appointment: Appointment, held_at) -> None:
    if held_at > timezone.now():
        raise ValidationError({"held_at": _("A session cannot be logged before it took place.")}, code="future")
    if timezone.localdate(held_at) < appointment.trajectory.klik_on:
        raise ValidationError(
            {
                "held_at": _("This date lies before the klik (%(klik)s).")
                % {"klik": formats.date_format(appointment.trajectory.klik_on, "j F Y")}
            },
            code="before_klik",
        )


def _require_loggable(appointment: Appointment, by) -> None:
    _require(by.pk == appointment.trajectory.coach_id, _("Only the coach logs appointments."))
    _require_open(appointment.trajectory)
    if appointment.status not in (AppointmentStatus.PLANNED, AppointmentStatus.HELD):
        raise ValidationError(
            _("This appointment is %(status)s and cannot be logged.") % {"status": appointment.get_status_display()},
            code="not_open",
        )


def _mark_held(appointment: Appointment, *, held_at, minutes: int, mode: str, themes: list[str], by) -> None:
    first_log = not appointment.is_held
    appointment.status, appointment.held_at, appointment.held_minutes = AppointmentStatus.HELD, held_at, minutes
    appointment.mode, appointment.themes, appointment.logged_at = mode, list(themes), timezone.now()
    appointment.save()
    _change(appointment, AppointmentAction.LOGGED if first_log else AppointmentAction.LOG_EDITED, by=by)
    overtake_move_proposals(appointment)


@transaction.atomic
def log_session(
    appointment: Appointment,
    *,
    held_at,
    minutes: int,
    mode: str,
    themes: list[str],
    private_notes: str,
    shared_summary: str,
    by,
) -> Appointment:
    """The coach logs a session (or evaluation conversation): when, how long, where, the themes,
    and the confidential texts. Logging again edits the log."""
    appointment = _locked_appointment(appointment)
    _require_loggable(appointment, by)
    if appointment.kind == AppointmentKind.OBSERVATION:
        raise ValidationError(_("Log an observation with its report."), code="kind")
    _check_held_at(appointment, held_at)
    _mark_held(appointment, held_at=held_at, minutes=minutes, mode=mode, themes=themes, by=by)
    AppointmentReport.objects.update_or_create(
        appointment=appointment,
        defaults={"private_notes": private_notes.strip(), "shared_summary": shared_summary.strip()},
    )
    if shared_summary.strip():
        _tell_wethouder(appointment, ReminderKind.SUMMARY_SHARED, "summary_shared")
    return appointment


def _tell_wethouder(appointment: Appointment, kind: str, mail_kind: str) -> None:
    """The first report of an appointment is news for the wethouder (one notification, one
    mail); the coach editing it later is not."""
    trajectory = appointment.trajectory
    if record_event(kind, user_id=trajectory.wethouder_id, target_id=appointment.pk):
        _mail(trajectory, mail_kind, appointment)


@transaction.atomic
def log_observation(
    appointment: Appointment, *, held_at, minutes: int, observed: str, feedback: str, by
) -> Appointment:
    """The coach reports an observation: what they observed and the feedback they gave. The
    report is shared with the wethouder, never with coordinators."""
    appointment = _locked_appointment(appointment)
    _require_loggable(appointment, by)
    if appointment.kind != AppointmentKind.OBSERVATION:
        raise ValidationError(_("Only an observation gets an observation report."), code="kind")
    _check_held_at(appointment, held_at)
    if not observed.strip():
        raise ValidationError({"observed": _("Describe what you observed.")}, code="required")
    _mark_held(appointment, held_at=held_at, minutes=minutes, mode="in_person", themes=[], by=by)
    AppointmentReport.objects.update_or_create(
        appointment=appointment, defaults={"observed": observed.strip(), "feedback": feedback.strip()}
    )
    _tell_wethouder(appointment, ReminderKind.OBSERVATION_REPORTED, "observation_reported")
    return appointment


# --- Evaluations -------------------------------------------------------------------------------


@transaction.atomic
def submit_evaluation(
    trajectory: Trajectory,
    *,
    kind: str,
    usefulness: int,
    klik: int,
    change: int,
    what_changed: str,
    share_with_coach: bool,
    by,
) -> Evaluation:
    trajectory = _locked(trajectory)
    _require(by.pk == trajectory.wethouder_id, _("Only the wethouder fills in the evaluation."))
    if kind == EvaluationKind.INTERIM:
        _require_open(trajectory)
    _require_evaluation_open(trajectory, kind)
    if Evaluation.objects.filter(trajectory=trajectory, kind=kind).exists():
        raise ValidationError(_("You have already filled in this evaluation."), code="answered")
    evaluation = Evaluation.objects.create(
        trajectory=trajectory,
        kind=kind,
        usefulness=usefulness,
        klik=klik,
        change=change,
        what_changed=what_changed.strip(),
        share_with_coach=share_with_coach,
        submitted_at=timezone.now(),
    )
    _mail(trajectory, "evaluation_submitted")
    return evaluation


def evaluation_opens_on(trajectory: Trajectory, kind: str, *, dates: dict | None = None):
    """The day `kind` of evaluation opens for this trajectory (see `planning.evaluation_opens_on`).
    `dates`: the planned date per appointment kind, when already loaded."""
    if dates is None:
        dates = dict(
            trajectory.appointments.exclude(status=AppointmentStatus.CANCELLED)
            .filter(kind__in=[AppointmentKind.INTERIM_EVALUATION, AppointmentKind.FINAL_EVALUATION])
            .values_list("kind", "on")
        )
    return planning.evaluation_opens_on(
        kind,
        trajectory_open=trajectory.is_open,
        interim_on=dates.get(AppointmentKind.INTERIM_EVALUATION),
        final_on=dates.get(AppointmentKind.FINAL_EVALUATION),
        ends_on=trajectory.ends_on,
        ended_on=timezone.localdate(trajectory.ended_at) if trajectory.ended_at else None,
    )


def _require_evaluation_open(trajectory: Trajectory, kind: str) -> None:
    opens_on = evaluation_opens_on(trajectory, kind)
    if opens_on is None or opens_on > timezone.localdate():
        message = (
            _("This evaluation opens on %(date)s.") % {"date": formats.date_format(opens_on, "j F Y")}
            if opens_on
            else _("This evaluation is not open.")
        )
        raise ValidationError(message, code="not_yet")


# --- Endings -----------------------------------------------------------------------------------


def _close(trajectory: Trajectory, state: str, *, reason: str, by) -> None:
    trajectory.state, trajectory.ended_at, trajectory.ended_by = state, timezone.now(), by
    trajectory.end_reason = reason.strip()
    trajectory.save()
    overtake_move_proposals(trajectory.appointments.all())
    for appointment in trajectory.appointments.filter(
        status__in=[AppointmentStatus.PLANNED, AppointmentStatus.PROPOSED], on__gte=timezone.localdate()
    ):
        appointment.status = AppointmentStatus.CANCELLED
        appointment.save(update_fields=["status"])
        _change(
            appointment, AppointmentAction.CANCELLED, by=by, reason=_("The trajectory ended."), from_date=appointment.on
        )


def check_end(trajectory: Trajectory, *, outcome: str, reason: str, by) -> None:
    """Whether `by` may end `trajectory` this way; a ValidationError naming the field if not.
    Writes nothing (the confirmation step asks it first)."""
    _require(
        by.pk == trajectory.coach_id or by.is_coordinator or by.is_superuser,
        _("Only the coach or a coordinator ends a trajectory."),
    )
    _require_open(trajectory)
    if outcome not in (TrajectoryState.COMPLETED, TrajectoryState.STOPPED):
        raise ValidationError({"outcome": _("Choose completed or stopped early.")}, code="outcome")
    if outcome == TrajectoryState.STOPPED and not reason.strip():
        raise ValidationError({"reason": _("Say why the trajectory stops early.")}, code="reason_required")


@transaction.atomic
def end_trajectory(trajectory: Trajectory, *, outcome: str, reason: str, by) -> Trajectory:
    """Completed or stopped early (with a reason), by the coach or a coordinator. The coach's
    place is freed; appointments still ahead are cancelled; the history stays."""
    trajectory = _locked(trajectory)
    check_end(trajectory, outcome=outcome, reason=reason, by=by)
    _close(trajectory, outcome, reason=reason, by=by)
    end_match(trajectory.match, MatchState.ENDED, by=by)
    _mail(trajectory, outcome)
    return trajectory


@transaction.atomic
def switch_coach(trajectory: Trajectory, *, reason: str, by) -> Match | None:
    """A coordinator ends the trajectory to switch coaches: the history stays with this
    trajectory, the coach is ruled out for this wethouder, and the matching proposes the next
    coach for the coordinators to approve. Returns that proposal (None: nobody eligible)."""
    trajectory = _locked(trajectory)
    _require(by.is_coordinator or by.is_superuser, _("Only a coordinator switches coaches."))
    _require_open(trajectory)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the coach changes.")}, code="reason_required")
    _close(trajectory, TrajectoryState.SWITCHED, reason=reason, by=by)
    trajectory.coach_change_requests.filter(handled_at__isnull=True).update(handled_at=timezone.now(), handled_by=by)
    return close_and_propose_next(locked_match(trajectory.match), MatchState.SWITCHED, by=by, note="")


# --- Calendar feed -----------------------------------------------------------------------------


@transaction.atomic
def renew_calendar_feed(user) -> CalendarFeed:
    """A new private calendar address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    feed = CalendarFeed.new(user)
    feed.save()
    return feed


def rehash_calendar_feeds() -> int:
    """Hash every feed address again under the current SECRET_KEY (after a rotation of it);
    the addresses stay the same. Each row locked while it is rewritten."""
    count = 0
    for pk in CalendarFeed.objects.values_list("pk", flat=True):
        with transaction.atomic():
            feed = CalendarFeed.objects.select_for_update().filter(pk=pk).first()
            if feed is not None:
                feed.token_hash = CalendarFeed.hash_token(feed.token)
                feed.save(update_fields=["token_hash"])
                count += 1
    return count


@transaction.atomic
def revoke_calendar_feed(user) -> None:
    CalendarFeed.objects.filter(user=user).delete()
