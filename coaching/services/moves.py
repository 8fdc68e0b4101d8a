"""The wethouder proposes to move an appointment and the coach answers: the wethouder's wishes
lead, the coach agrees. An agreed proposal is moved through `trajectories.move`, so the date
rules (not before the klik, no observation in the council's recess) live in one place.

Each write locks the appointment (then its trajectory, then the proposal), checks the
permission in `coaching.rules`, and mails the other side after the commit. The reason and the
answer are encrypted and never travel in a mail or a task argument."""

from datetime import date, time

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.services import record_event

from ..enums import AppointmentStatus, MoveProposalStatus
from ..models import Appointment, AppointmentMoveProposal
from .trajectories import _check_date, _locked_appointment, _mail, _require, _require_open, meeting_slot, move


def _locked_proposal(proposal: AppointmentMoveProposal) -> AppointmentMoveProposal:
    """The proposal, locked after its appointment and trajectory (the order every move takes)."""
    appointment = _locked_appointment(proposal.appointment)
    proposal = AppointmentMoveProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.appointment = appointment
    return proposal


def _require_movable(appointment: Appointment) -> None:
    _require_open(appointment.trajectory)
    if appointment.status != AppointmentStatus.PLANNED:
        raise ValidationError(
            _("This appointment is %(status)s and cannot be moved.") % {"status": appointment.get_status_display()},
            code="not_open",
        )


def _require_still_open(proposal: AppointmentMoveProposal) -> None:
    if not proposal.is_open:
        raise ValidationError(
            _("This proposal is no longer open (%(status)s).") % {"status": proposal.get_status_display()},
            code="answered",
        )


def _tell_wethouder(proposal: AppointmentMoveProposal, kind: str) -> None:
    """The coach's answer is news for the wethouder: on their notification list (once per
    proposal) besides the mail."""
    trajectory = proposal.appointment.trajectory
    record_event(kind, user_id=trajectory.wethouder_id, target_id=proposal.appointment_id, occurrence=str(proposal.pk))


def _close(proposal: AppointmentMoveProposal, status: str, *, by, note: str = "") -> None:
    proposal.status, proposal.answered_at, proposal.answered_by = status, timezone.now(), by
    proposal.answer_note = note.strip()
    proposal.save(update_fields=["status", "answered_at", "answered_by", "answer_note"])


@transaction.atomic
def propose_move(
    appointment: Appointment,
    *,
    on: date,
    start_time: time | None,
    location: str,
    reason: str,
    by,
    occasion: str = "",
) -> AppointmentMoveProposal:
    """The wethouder proposes a new date (time and place optional) for a planned appointment,
    with a reason; the coach is mailed. One open proposal per appointment. An `occasion` (a
    meeting's title) becomes the appointment's when the coach agrees."""
    appointment = _locked_appointment(appointment)
    _require(
        rules.has_perm("coaching.propose_move", by, appointment.trajectory),
        _("Only the wethouder proposes to move an appointment."),
    )
    _require_movable(appointment)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the change.")}, code="reason_required")
    _check_date(appointment, on)
    if on < timezone.localdate():
        raise ValidationError({"on": _("Propose a date from today on.")}, code="past")
    if (on, start_time, location.strip()) == (appointment.on, appointment.start_time, appointment.location):
        raise ValidationError({"on": _("Propose another date, time or place.")}, code="same")
    if appointment.move_proposals.filter(status=MoveProposalStatus.OPEN).exists():
        raise ValidationError(_("You have already proposed a move; withdraw it first."), code="open")
    proposal = AppointmentMoveProposal.objects.create(
        appointment=appointment,
        on=on,
        start_time=start_time,
        location=location.strip(),
        reason=reason.strip(),
        occasion=occasion,
        proposed_by=by,
        created_at=timezone.now(),
    )
    _mail(appointment.trajectory, "move_proposed", appointment)
    return proposal


def propose_meeting(appointment: Appointment, *, meeting, by) -> AppointmentMoveProposal:
    """The wethouder proposes to observe a meeting from the council's calendar: a proposal to
    move the observation to the meeting's date, time and place, which the coach answers like
    any other."""
    return propose_move(appointment, by=by, **meeting_slot(appointment, meeting))


@transaction.atomic
def agree_to_move(proposal: AppointmentMoveProposal, *, by) -> AppointmentMoveProposal:
    """The coach agrees: the appointment moves to the proposed date, time and place (through
    the same rules as a direct move), the history keeps the old date with the wethouder's
    reason, and both get the moved appointment by mail with its .ics."""
    proposal = _locked_proposal(proposal)
    appointment = proposal.appointment
    _require(
        rules.has_perm("coaching.answer_move", by, appointment.trajectory),
        _("Only the coach answers a proposal to move an appointment."),
    )
    _require_still_open(proposal)
    _require_movable(appointment)
    if proposal.on < timezone.localdate():
        raise ValidationError(
            _("The proposed date has passed. Decline the proposal, or move the appointment yourself."), code="past"
        )
    _close(proposal, MoveProposalStatus.AGREED, by=by)
    move(
        appointment,
        on=proposal.on,
        start_time=proposal.start_time,
        location=proposal.location,
        reason=proposal.reason,
        by=by,
        occasion=proposal.occasion,
        mail_kind="move_agreed",
    )
    _tell_wethouder(proposal, ReminderKind.MOVE_AGREED)
    return proposal


@transaction.atomic
def decline_move(proposal: AppointmentMoveProposal, *, note: str = "", by) -> AppointmentMoveProposal:
    """The coach declines, with an optional note for the wethouder; the appointment stays."""
    proposal = _locked_proposal(proposal)
    trajectory = proposal.appointment.trajectory
    _require(
        rules.has_perm("coaching.answer_move", by, trajectory),
        _("Only the coach answers a proposal to move an appointment."),
    )
    _require_open(trajectory)
    _require_still_open(proposal)
    _close(proposal, MoveProposalStatus.DECLINED, by=by, note=note)
    _mail(trajectory, "move_declined", proposal.appointment)
    _tell_wethouder(proposal, ReminderKind.MOVE_DECLINED)
    return proposal


@transaction.atomic
def withdraw_move(proposal: AppointmentMoveProposal, *, by) -> AppointmentMoveProposal:
    """The wethouder takes the proposal back before the coach answered; the coach is told."""
    proposal = _locked_proposal(proposal)
    trajectory = proposal.appointment.trajectory
    _require(
        rules.has_perm("coaching.withdraw_move", by, trajectory),
        _("Only the wethouder withdraws their proposal."),
    )
    _require_still_open(proposal)
    _close(proposal, MoveProposalStatus.WITHDRAWN, by=by)
    _mail(trajectory, "move_withdrawn", proposal.appointment)
    return proposal
