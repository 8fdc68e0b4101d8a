"""What the wethouder's and the coach's home pages show: where the process stands and what comes
next, and the coach's appointments. A fixed number of queries, whatever the number of matches,
appointments or former roles."""

from dataclasses import dataclass

import rules
from django.db.models import Prefetch, Q
from django.utils import timezone

from intake.enums import IntakeState
from intake.models import Intake

from ..enums import (
    ACQUAINTED_STATES,
    AppointmentKind,
    AppointmentStatus,
    MatchState,
    MoveProposalStatus,
    TrajectoryState,
)
from ..models import Appointment, AppointmentMoveProposal, CoachProfile, FormerRole, Match, Trajectory

#: The match states an intake goes back to matching from, as the wethouder is told.
LOOKING_AGAIN = {MatchState.NO_KLIK: "no_klik", MatchState.SWITCHED: "switched"}


@dataclass
class Progress:
    """Where a wethouder's process stands (`stage`) and what the sentence about it needs."""

    stage: str
    intake: Intake | None = None
    match: Match | None = None
    trajectory: Trajectory | None = None
    next_appointment: Appointment | None = None
    sessions_held: int = 0

    @property
    def acquainted(self) -> bool:
        return self.match is not None and self.match.state in ACQUAINTED_STATES


def coach_profiles():
    """Coach profiles with what a coach card shows (former roles) loaded up front."""
    return CoachProfile.objects.select_related("user").prefetch_related(
        Prefetch("former_roles", queryset=FormerRole.objects.select_related("municipality", "province"))
    )


def _latest_match(intake: Intake) -> Match | None:
    """The intake's latest match a coordinator approved (proposals are not the wethouder's)."""
    return (
        Match.objects.filter(intake=intake, approved_at__isnull=False)
        .select_related("coach", "intake")
        .prefetch_related(Prefetch("coach__coach_profile", queryset=coach_profiles()))
        .order_by("-approved_at", "-pk")
        .first()
    )


def _match_stage(match: Match) -> str:
    if match.state == MatchState.APPROVED:
        return "coach_asked"
    if match.state == MatchState.KENNISMAKING_PLANNED:
        if match.kennismaking_at > timezone.now():
            return "kennismaking_planned"
        return "klik_question" if match.wethouder_klik is None else "klik_waiting"
    return match.state


def _trajectory_progress(progress: Progress, match: Match) -> Progress:
    trajectory = Trajectory.objects.filter(match=match).first()
    if trajectory is None:  # a klik always starts one; kept for a match closed by hand
        return progress
    progress.trajectory = trajectory
    progress.stage = "trajectory" if trajectory.state == TrajectoryState.ACTIVE else trajectory.state
    appointments = trajectory.appointments.all()
    progress.sessions_held = appointments.filter(kind=AppointmentKind.SESSION, status=AppointmentStatus.HELD).count()
    progress.next_appointment = (
        appointments.filter(status=AppointmentStatus.PLANNED, on__gte=timezone.localdate())
        .order_by("on", "start_time", "pk")
        .first()
    )
    return progress


def wethouder_progress(user) -> dict:
    """The wethouder's home: the stage of their latest intake and of its latest approved match
    or trajectory, for one sentence on where things stand and what happens next."""
    intake = Intake.objects.filter(wethouder=user).select_related("conversation").order_by("-created_at", "-pk").first()
    if intake is None:
        return {"progress": Progress("none")}
    progress = Progress(intake.state, intake=intake)
    if intake.state not in (IntakeState.READY_FOR_MATCHING, IntakeState.MATCHED):
        return {"progress": progress}
    match = _latest_match(intake)
    if match is None:
        return {"progress": progress}
    if intake.state == IntakeState.READY_FOR_MATCHING:
        if match.state in LOOKING_AGAIN:
            progress.stage, progress.match = LOOKING_AGAIN[match.state], match
        return {"progress": progress}
    progress.match, progress.stage = match, _match_stage(match)
    if match.state in (MatchState.KLIK, MatchState.ENDED):
        progress = _trajectory_progress(progress, match)
    return {"progress": progress}


def coach_appointments(user, *, limit: int = 5) -> dict:
    """The coach's home: the wethouders' open proposals to move an appointment (to answer), their
    next appointments, and the ones held (planned in the past) they still have to log, each with
    the trajectory's wethouder. Three queries."""
    today = timezone.localdate()
    mine = Appointment.objects.filter(
        trajectory__coach=user, trajectory__state=TrajectoryState.ACTIVE, status=AppointmentStatus.PLANNED
    ).select_related("trajectory__wethouder")
    return {
        "next_appointments": list(mine.filter(on__gte=today).order_by("on", "start_time", "pk")[:limit]),
        "appointments_to_log": list(mine.filter(on__lt=today).order_by("on", "start_time", "pk")),
        "move_proposals": list(
            AppointmentMoveProposal.objects.filter(
                status=MoveProposalStatus.OPEN,
                appointment__trajectory__coach=user,
                appointment__trajectory__state=TrajectoryState.ACTIVE,
            )
            .select_related("appointment__trajectory__wethouder")
            .order_by("created_at", "pk")
        ),
    }


def upcoming_appointments(user, *, limit: int = 100) -> list[Appointment]:
    """Every planned appointment of the user's active trajectories from today on, as coach or
    wethouder (the calendar page), in one query."""
    return list(
        Appointment.objects.filter(
            Q(trajectory__coach=user) | Q(trajectory__wethouder=user),
            trajectory__state=TrajectoryState.ACTIVE,
            status=AppointmentStatus.PLANNED,
            on__gte=timezone.localdate(),
        )
        .select_related("trajectory__coach", "trajectory__wethouder")
        .order_by("on", "start_time", "pk")[:limit]
    )


def acquaintance(match: Match, user) -> dict:
    """What a match page shows of the other side: from the coach's acceptance until the match
    closes (`coaching.view_contact_details`), the coach card and each other's contact details."""
    if not rules.has_perm("coaching.view_contact_details", user, match):
        return {"acquainted": False}
    return {"acquainted": True, "coach_profile": coach_profiles().filter(user_id=match.coach_id).first()}
