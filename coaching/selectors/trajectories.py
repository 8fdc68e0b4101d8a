"""Reading trajectories for their pages, in a number of queries that does not grow with the
number of appointments. Confidential reports are loaded only for the people allowed to read
them, and checked with django-rules' own permission set (`rules.has_perm`), never with
`user.has_perm`: Django grants superusers every permission, and the notes are not theirs."""

from dataclasses import dataclass, field

import rules
from django.db.models import Avg, Count, Max, Prefetch, Q
from django.utils import timezone

from .. import planning
from ..enums import AppointmentKind, AppointmentStatus, EvaluationKind, TrajectoryState
from ..models import Appointment, AppointmentChange, AppointmentReport, Evaluation, Trajectory


@dataclass
class TimelineEntry:
    appointment: Appointment
    private_notes: str = ""
    shared_summary: str = ""
    observed: str = ""
    feedback: str = ""


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


def _appointments(trajectory: Trajectory, *, with_reports: bool):
    appointments = trajectory.appointments.prefetch_related(
        Prefetch("changes", queryset=AppointmentChange.objects.select_related("by"))
    )
    if with_reports:
        appointments = appointments.prefetch_related(
            Prefetch("report", queryset=AppointmentReport.objects.all(), to_attr="loaded_report")
        )
    return list(appointments)


def trajectory_page(trajectory: Trajectory, user) -> TrajectoryPage:
    can_read_private = rules.has_perm("coaching.read_private_notes", user, trajectory)
    can_read_shared = rules.has_perm("coaching.read_shared_report", user, trajectory)
    appointments = _appointments(trajectory, with_reports=can_read_shared)
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
    entry = TimelineEntry(appointment)
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


def report_for(appointment: Appointment, user) -> TimelineEntry:
    trajectory = appointment.trajectory
    shared = rules.has_perm("coaching.read_shared_report", user, trajectory)
    if shared:
        appointment.loaded_report = AppointmentReport.objects.filter(appointment=appointment).first()
    return _entry(appointment, private=rules.has_perm("coaching.read_private_notes", user, trajectory), shared=shared)


#: What a coordinator can ask the list for, as flags set by `trajectory_list`.
ATTENTION = ("quiet", "ends_soon")
_SESSION_HELD = Q(appointments__kind=AppointmentKind.SESSION, appointments__status=AppointmentStatus.HELD)


def _needs_attention(*, state: str, klik_on, ends_on, last_held, today) -> dict[str, bool]:
    active = state == TrajectoryState.ACTIVE
    return {
        "quiet": active and planning.is_quiet(last_held=last_held, klik_on=klik_on, today=today),
        "ends_soon": active and planning.ends_soon(ends_on=ends_on, today=today),
    }


def trajectory_list(user, *, state: str = "", attention: str = "", limit: int = 300) -> list[Trajectory]:
    """Trajectories `user` may see (one query), each with its session count, its last held
    session (`last_held`), and what needs attention: no session for eight weeks (`quiet`),
    ending within a month (`ends_soon`). `attention` keeps only those with that flag."""
    trajectories = (
        Trajectory.objects.visible_to(user)
        .select_related("coach", "wethouder", "match__intake__municipality")
        .annotate(sessions_held=Count("appointments", filter=_SESSION_HELD))
        .annotate(last_held_at=Max("appointments__held_at", filter=_SESSION_HELD))
    )
    if state:
        trajectories = trajectories.filter(state=state)
    # Flags are computed here, not in SQL: with a flag asked for, every active trajectory is read.
    trajectories = trajectories.filter(state=TrajectoryState.ACTIVE) if attention else trajectories[:limit]
    today = timezone.localdate()
    rows = []
    for trajectory in trajectories:
        trajectory.last_held = timezone.localdate(trajectory.last_held_at) if trajectory.last_held_at else None
        flags = _needs_attention(
            state=trajectory.state,
            klik_on=trajectory.klik_on,
            ends_on=trajectory.ends_on,
            last_held=trajectory.last_held,
            today=today,
        )
        vars(trajectory).update(flags)
        if not attention or flags[attention]:
            rows.append(trajectory)
    return rows[:limit]


def attention_counts(user) -> dict:
    """For the coordinator's home: how many active trajectories have each flag (one query)."""
    rows = (
        Trajectory.objects.visible_to(user)
        .filter(state=TrajectoryState.ACTIVE)
        .annotate(last_held_at=Max("appointments__held_at", filter=_SESSION_HELD))
        .values_list("klik_on", "ends_on", "last_held_at")
    )
    today = timezone.localdate()
    counts = dict.fromkeys(ATTENTION, 0)
    for klik_on, ends_on, last_held_at in rows:
        last_held = timezone.localdate(last_held_at) if last_held_at else None
        flags = _needs_attention(
            state=TrajectoryState.ACTIVE, klik_on=klik_on, ends_on=ends_on, last_held=last_held, today=today
        )
        for name, flagged in flags.items():
            counts[name] += flagged
    return {"trajectory_attention": counts}


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
