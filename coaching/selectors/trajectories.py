"""Reading trajectories for their pages, in a number of queries that does not grow with the
number of appointments. Confidential reports are loaded only for the people allowed to read
them, and checked with django-rules' own permission set (`rules.has_perm`), never with
`user.has_perm`: Django grants superusers every permission, and the notes are not theirs."""

from dataclasses import dataclass, field
from datetime import date

import rules
from django.db import connection
from django.db.models import Avg, BooleanField, Case, Count, F, Max, Prefetch, Q, When
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone

from .. import planning
from ..enums import AppointmentKind, AppointmentStatus, EvaluationKind, MoveProposalStatus, TrajectoryState
from ..models import (
    Appointment,
    AppointmentChange,
    AppointmentMoveProposal,
    AppointmentReport,
    Evaluation,
    Trajectory,
)


@dataclass
class TimelineEntry:
    appointment: Appointment
    private_notes: str = ""
    shared_summary: str = ""
    observed: str = ""
    feedback: str = ""
    #: The date an open proposal would move the appointment to (coach and wethouder only).
    move_proposed_to: date | None = None


@dataclass
class TrajectoryPage:
    trajectory: Trajectory
    timeline: list[TimelineEntry]
    pace: planning.Pace
    next_appointment: Appointment | None
    evaluations: dict[str, Evaluation] = field(default_factory=dict)
    can_read_private: bool = False
    can_read_shared: bool = False


def trajectory_for(user, pk: int) -> Trajectory:
    """The trajectory as `user` may see it (a foreign id raises DoesNotExist → 404)."""
    return (
        Trajectory.objects.visible_to(user)
        .select_related("coach", "wethouder", "match__intake__municipality")
        .get(pk=pk)
    )


def _appointments(trajectory: Trajectory, *, with_reports: bool, with_proposals: bool):
    appointments = trajectory.appointments.prefetch_related(
        Prefetch("changes", queryset=AppointmentChange.objects.select_related("by"))
    )
    if with_reports:
        appointments = appointments.prefetch_related(
            Prefetch("report", queryset=AppointmentReport.objects.all(), to_attr="loaded_report")
        )
    if with_proposals:
        # Only the date: the reason stays encrypted in the database.
        open_proposals = AppointmentMoveProposal.objects.filter(status=MoveProposalStatus.OPEN).only(
            "pk", "appointment_id", "on"
        )
        appointments = appointments.prefetch_related(
            Prefetch("move_proposals", queryset=open_proposals, to_attr="open_move_proposals")
        )
    return list(appointments)


def trajectory_page(trajectory: Trajectory, user) -> TrajectoryPage:
    can_read_private = rules.has_perm("coaching.read_private_notes", user, trajectory)
    can_read_shared = rules.has_perm("coaching.read_shared_report", user, trajectory)
    # Coordinators see the planning, never the proposals to change it (as on the appointment page).
    sees_proposals = rules.has_perm("coaching.read_change_reasons", user, trajectory)
    appointments = _appointments(trajectory, with_reports=can_read_shared, with_proposals=sees_proposals)
    in_order = sorted(appointments, key=lambda a: (a.happened_on, a.start_time is not None, a.start_time, a.pk))
    timeline = [_entry(a, private=can_read_private, shared=can_read_shared) for a in in_order]
    today = timezone.localdate()
    return TrajectoryPage(
        trajectory=trajectory,
        timeline=timeline,
        pace=_pace(appointments, today),
        next_appointment=next(
            (a for a in appointments if a.status == AppointmentStatus.PLANNED and a.on >= today), None
        ),
        evaluations={e.kind: e for e in trajectory.evaluations.all()},
        can_read_private=can_read_private,
        can_read_shared=can_read_shared,
    )


def _entry(appointment: Appointment, *, private: bool, shared: bool) -> TimelineEntry:
    proposals = getattr(appointment, "open_move_proposals", None)
    entry = TimelineEntry(appointment, move_proposed_to=proposals[0].on if proposals else None)
    report = getattr(appointment, "loaded_report", None)
    if report is None or not shared:
        return entry
    entry.shared_summary, entry.observed, entry.feedback = report.shared_summary, report.observed, report.feedback
    if private:
        entry.private_notes = report.private_notes
    return entry


def _pace(appointments: list[Appointment], today) -> planning.Pace:
    counted = (AppointmentStatus.PLANNED, AppointmentStatus.HELD)
    sessions = [a for a in appointments if a.kind == AppointmentKind.SESSION and a.status in counted]
    held = sum(1 for a in sessions if a.is_held)
    return planning.pace(session_dates=[a.on for a in sessions], held=held, today=today)


def appointment_for(user, pk: int) -> Appointment:
    return Appointment.objects.select_related(
        "trajectory__coach", "trajectory__wethouder", "trajectory__match__intake"
    ).get(pk=pk, trajectory__in=Trajectory.objects.visible_to(user))


def appointment_history(appointment: Appointment, user) -> dict:
    """An appointment's changes and the proposals to move it, as `user` may read them: coach and
    wethouder read why (`coaching.read_change_reasons`); for anyone else (coordinators) the
    reasons are not even loaded and the proposals not shown."""
    can_read_reasons = rules.has_perm("coaching.read_change_reasons", user, appointment.trajectory)
    changes = appointment.changes.select_related("by")
    if not can_read_reasons:
        return {"changes": list(changes.defer("reason")), "can_read_reasons": False, "move_proposals": []}
    proposals = appointment.move_proposals.select_related("proposed_by", "answered_by")
    return {"changes": list(changes), "can_read_reasons": True, "move_proposals": list(proposals)}


def move_proposal_for(user, pk: int) -> AppointmentMoveProposal:
    """A proposal to move an appointment of a trajectory `user` may see (else DoesNotExist → 404)."""
    return AppointmentMoveProposal.objects.select_related(
        "appointment__trajectory__coach", "appointment__trajectory__wethouder"
    ).get(pk=pk, appointment__trajectory__in=Trajectory.objects.visible_to(user))


def report_for(appointment: Appointment, user) -> TimelineEntry:
    trajectory = appointment.trajectory
    shared = rules.has_perm("coaching.read_shared_report", user, trajectory)
    if shared:
        appointment.loaded_report = AppointmentReport.objects.filter(appointment=appointment).first()
    return _entry(appointment, private=rules.has_perm("coaching.read_private_notes", user, trajectory), shared=shared)


#: What a coordinator can ask the list for: the flags `with_flags` sets and `trajectory_list` filters on.
ATTENTION = ("quiet", "behind", "ends_soon")
_SESSION = Q(appointments__kind=AppointmentKind.SESSION)
_SESSION_HELD = _SESSION & Q(appointments__status=AppointmentStatus.HELD)
_SESSION_COUNTED = _SESSION & Q(appointments__status__in=[AppointmentStatus.PLANNED, AppointmentStatus.HELD])


def _flag(condition) -> Case:
    return Case(
        When(Q(state=TrajectoryState.ACTIVE) & condition, then=True), default=False, output_field=BooleanField()
    )


def with_flags(trajectories, today):
    """`trajectories` annotated in SQL with their session count, last held session and the flags of
    `coaching.planning` (`quiet`, `behind`, `ends_soon`), so a list filters, counts and pages
    them in the database. One aggregate over the trajectory's appointments."""
    trajectories = trajectories.annotate(
        sessions_held=Count("appointments", filter=_SESSION_HELD),
        last_held_at=Max("appointments__held_at", filter=_SESSION_HELD),
        last_held=Max(TruncDate("appointments__held_at"), filter=_SESSION_HELD),
        sessions_due=Count(
            "appointments", filter=_SESSION_COUNTED & Q(appointments__on__lt=planning.behind_cutoff(today))
        ),
    )
    return trajectories.annotate(
        quiet=_flag(LessThan(Coalesce("last_held", "klik_on"), planning.quiet_cutoff(today))),
        behind=_flag(Q(sessions_due__gt=F("sessions_held"))),
        ends_soon=_flag(Q(ends_on__gte=today, ends_on__lte=planning.ending_by(today))),
    )


def trajectory_list(user, *, state: str = "", attention: str = ""):
    """Trajectories `user` may see, newest first, as a lean queryset for the view to page (its
    count and slice read no appointments); `flagged` then annotates the page. `attention` keeps
    only the active ones with that flag: no session for eight weeks (`quiet`), behind its plan
    (`behind`), ending within a month (`ends_soon`), decided in SQL."""
    trajectories = Trajectory.objects.visible_to(user)
    if state:
        trajectories = trajectories.filter(state=state)
    if attention:
        # The flags are decided once per request (one aggregate over the active trajectories'
        # appointments); the page's count and slice then read only the ids that have the flag.
        having = with_flags(trajectories.active().order_by(), timezone.localdate()).filter(**{attention: True})
        trajectories = trajectories.filter(pk__in=list(having.values_list("pk", flat=True)))
    return trajectories.order_by("-klik_on", "-pk")


#: What a row of the list shows (the intake's answers and the people's accounts stay unread).
LIST_COLUMNS = (
    "state", "klik_on", "ends_on", "planned_sessions", "coach__first_name", "coach__last_name", "coach__email",
    "wethouder__first_name", "wethouder__last_name", "wethouder__email", "match__intake__municipality__name",
)  # fmt: skip


def flagged(trajectories) -> list[Trajectory]:
    """The given trajectories (a page of `trajectory_list`) with their people, session count,
    last held session (`last_held`) and flags, in their order: one query over their appointments."""
    rows = (
        Trajectory.objects.filter(pk__in=[t.pk for t in trajectories])
        .select_related("coach", "wethouder", "match__intake__municipality")
        .only(*LIST_COLUMNS)
    )
    by_pk = {row.pk: row for row in with_flags(rows, timezone.localdate())}
    return [by_pk[t.pk] for t in trajectories]


def attention_counts(user) -> dict:
    """For the coordinator's home: how many active trajectories have each flag (one query).

    The ORM cannot aggregate over these flags (they are built on aggregates; Django drops the
    alias from the subquery it makes), so the flagged query is counted from an outer SELECT."""
    rows = with_flags(Trajectory.objects.visible_to(user).active(), timezone.localdate())
    inner, params = rows.order_by().values(*ATTENTION).query.sql_with_params()
    counts = ", ".join(f"SUM(CASE WHEN {name} THEN 1 ELSE 0 END)" for name in ATTENTION)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts} FROM ({inner}) AS flagged", params)  # noqa: S608 (names are constants)
        row = cursor.fetchone()
    return {"trajectory_attention": {name: int(value or 0) for name, value in zip(ATTENTION, row, strict=True)}}


def evaluation_scores(trajectories=None) -> dict[str, dict]:
    """Average scale answers per evaluation kind (the pool as a whole, or the given trajectories).
    Never the free text."""
    evaluations = Evaluation.objects.all()
    if trajectories is not None:
        evaluations = evaluations.filter(trajectory__in=trajectories)
    rows = evaluations.values("kind").annotate(
        count=Count("pk"), usefulness=Avg("usefulness"), klik=Avg("klik"), change=Avg("change")
    )
    by_kind = {row["kind"]: row for row in rows}
    return {kind: by_kind.get(kind) for kind in EvaluationKind.values}


def trajectory_home(user) -> dict:
    """For the coach's and the wethouder's home: their active trajectories (one query)."""
    trajectories = Trajectory.objects.visible_to(user).active().select_related("coach", "wethouder")
    return {"home_trajectories": list(trajectories.filter(Q(coach=user) | Q(wethouder=user)))}
