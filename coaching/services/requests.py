"""What the wethouder asks for once the trajectory runs: a longer trajectory (the coach
agrees), or another coach (the coordinators decide). Their wishes lead, within the bounds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import planning
from ..enums import AppointmentKind, AppointmentStatus
from ..models import Appointment, CoachChangeRequest, ExtensionRequest, Trajectory
from .trajectories import _locked, _mail, _require, _require_open, overtake_move_proposals


@transaction.atomic
def request_extension(trajectory: Trajectory, *, months: int, sessions: int, by) -> ExtensionRequest:
    """The wethouder asks for more months and/or sessions, up to 12 months and 8 sessions."""
    trajectory = _locked(trajectory)
    _require(by.pk == trajectory.wethouder_id, _("Only the wethouder asks for a longer trajectory."))
    _require_open(trajectory)
    if not trajectory.planned_months <= months <= planning.MAX_MONTHS:
        message = _("Choose from %(now)s to %(max)s months.")
        params = {"now": trajectory.planned_months, "max": planning.MAX_MONTHS}
        raise ValidationError({"months": message % params}, code="months")
    if not trajectory.planned_sessions <= sessions <= planning.MAX_SESSIONS:
        raise ValidationError(
            {
                "sessions": _("Choose from %(now)s to %(max)s sessions.")
                % {"now": trajectory.planned_sessions, "max": 8}
            },
            code="sessions",
        )
    if (months, sessions) == (trajectory.planned_months, trajectory.planned_sessions):
        raise ValidationError(_("Ask for more months, more sessions or both."), code="same")
    if trajectory.extension_requests.filter(agreed__isnull=True).exists():
        raise ValidationError(_("Your coach has not answered your earlier request yet."), code="open")
    request = ExtensionRequest.objects.create(
        trajectory=trajectory, months=months, sessions=sessions, requested_by=by, requested_at=timezone.now()
    )
    _mail(trajectory, "extension_requested")
    return request


@transaction.atomic
def answer_extension(request: ExtensionRequest, *, agree: bool, by) -> ExtensionRequest:
    """The coach agrees (the trajectory gets the new end, the extra sessions and the closing
    conversation at the new end) or declines."""
    trajectory = _locked(request.trajectory)
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    _require(by.pk == trajectory.coach_id, _("Only the coach answers this request."))
    _require_open(trajectory)
    _require(request.agreed is None, _("This request has already been answered."))
    request.agreed, request.answered_at = agree, timezone.now()
    request.save(update_fields=["agreed", "answered_at"])
    if agree:
        _extend(trajectory, months=request.months, sessions=request.sessions)
    _mail(trajectory, "extension_agreed" if agree else "extension_declined")
    return request


def _extend(trajectory: Trajectory, *, months: int, sessions: int) -> None:
    end = planning.working_day(planning.add_months(trajectory.klik_on, months), forward=False)
    planned = trajectory.appointments.filter(kind=AppointmentKind.SESSION).exclude(
        status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.PROPOSED]
    )
    new_dates = planning.extension_sessions(
        after=timezone.localdate(),
        end=end,
        count=sessions - trajectory.planned_sessions,
        planned=[appointment.on for appointment in planned],
    )
    Appointment.objects.bulk_create(
        Appointment(trajectory=trajectory, kind=AppointmentKind.SESSION, on=day) for day in new_dates
    )
    closing = trajectory.appointments.filter(kind=AppointmentKind.FINAL_EVALUATION, status=AppointmentStatus.PLANNED)
    overtake_move_proposals(closing)
    closing.update(on=end)
    trajectory.planned_months, trajectory.planned_sessions, trajectory.ends_on = months, sessions, end
    trajectory.save(update_fields=["planned_months", "planned_sessions", "ends_on"])


@transaction.atomic
def request_other_coach(trajectory: Trajectory, *, reason: str, by) -> CoachChangeRequest:
    """The wethouder asks the coordinators for another coach. Coordinators are told that there
    is a request (never its reason, which they read in the portal); the coach is not told."""
    trajectory = _locked(trajectory)
    _require(by.pk == trajectory.wethouder_id, _("Only the wethouder asks for another coach."))
    _require_open(trajectory)
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the coordinators why, in a few words.")}, code="reason_required")
    if trajectory.coach_change_requests.filter(handled_at__isnull=True).exists():
        raise ValidationError(_("The coordinators are already looking at your request."), code="open")
    request = CoachChangeRequest.objects.create(
        trajectory=trajectory, reason=reason.strip(), requested_at=timezone.now()
    )
    _mail(trajectory, "other_coach_requested")
    return request


@transaction.atomic
def close_coach_change_request(request: CoachChangeRequest, *, by) -> CoachChangeRequest:
    """A coordinator has dealt with the request (switched coaches, or talked it through)."""
    request = CoachChangeRequest.objects.select_for_update().get(pk=request.pk)
    _require(by.is_coordinator or by.is_superuser, _("Only a coordinator handles this request."))
    if request.handled_at is None:
        request.handled_at, request.handled_by = timezone.now(), by
        request.save(update_fields=["handled_at", "handled_by"])
    return request
