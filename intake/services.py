"""Every write the intake process cares about. Each runs in one transaction with the intake row
locked, moves the state only along `intake.states.TRANSITIONS`, and records who did it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import OPEN_STATES, IntakeState, Offer
from .events import intake_submitted, intake_withdrawn
from .models import WISH_FIELDS, Intake, IntakeConversation, IntakeTransition, WishAdjustment
from .states import may_act, next_state
from .steps import COACH_FIELDS, STEP_BY_NUMBER, missing_answers
from .tasks import confirm_submitted_intake, notify_coordinators_of_submitted_intake, send_conversation_invitation


def _locked(intake: Intake) -> Intake:
    return Intake.objects.select_for_update().get(pk=intake.pk)


def _transition(intake: Intake, action: str, *, by, **changes) -> Intake:
    """Move a locked intake along the state table, or refuse with a translated message."""
    target = next_state(intake.state, action)
    if target is None or not may_act(by, action):
        raise ValidationError(
            _("This is not possible while the intake is “%(state)s”.") % {"state": intake.get_state_display()},
            code="illegal_transition",
        )
    previous, now = intake.state, timezone.now()
    for field, value in {"state": target, **changes}.items():
        setattr(intake, field, value)
    intake.save()
    IntakeTransition.objects.create(intake=intake, from_state=previous, to_state=target, by=by, at=now)
    return intake


@transaction.atomic
def start_intake(wethouder) -> Intake:
    """A new draft for the wethouder, refused while they have an open intake."""
    if not wethouder.is_wethouder:
        raise ValidationError(_("Only a wethouder fills in an intake."), code="not_wethouder")
    if Intake.objects.select_for_update().filter(wethouder=wethouder).open().exists():
        raise ValidationError(_("You already have an open intake. Continue that one."), code="open_intake")
    try:
        with transaction.atomic():
            return Intake.objects.create(wethouder=wethouder)
    except IntegrityError as error:  # a second tab started one at the same moment
        raise ValidationError(_("You already have an open intake. Continue that one."), code="open_intake") from error


@transaction.atomic
def save_intake_step(intake: Intake, *, step: int, data: dict, by) -> Intake:
    """Save one step's answers as a draft. Only the wethouder, and only before submitting."""
    intake = _locked(intake)
    if intake.wethouder_id != by.pk or intake.state != IntakeState.DRAFT:
        raise ValidationError(_("This intake can no longer be changed."), code="not_editable")
    allowed = set(STEP_BY_NUMBER[step].fields)
    for field, value in data.items():
        if field in allowed:
            setattr(intake, field, value)
    intake.last_completed_step = max(intake.last_completed_step, step)
    intake.save()
    return intake


@transaction.atomic
def submit_intake(intake: Intake, *, consent: bool, by) -> Intake:
    """Submit after checking every required answer again; store the moment of consent and confirm
    to the wethouder (one mail), after commit. An intake for a personal coach goes to the
    coordinators (one mail each); one for a place in the BLOT only goes to its own state, outside
    the matching, with the answers of the skipped coach steps left empty (they are not asked for,
    so they are not kept). Sends `intake_submitted` (tracks puts a BLOT wish on the waiting list)."""
    intake = _locked(intake)
    if intake.wethouder_id != by.pk:
        raise ValidationError(_("Only the wethouder submits their intake."), code="not_owner")
    missing = missing_answers(intake, consent_given=consent)
    if missing:
        raise ValidationError(_("Some required answers are missing."), code="incomplete", params={"missing": missing})
    now = timezone.now()
    if intake.wants_coach:
        intake = _transition(intake, "submit", by=by, consent_given_at=now, submitted_at=now)
        transaction.on_commit(lambda: notify_coordinators_of_submitted_intake.delay(intake.pk))
    else:
        empty = {field: Intake._meta.get_field(field).get_default() for field in COACH_FIELDS}
        intake = _transition(intake, "submit_for_blot", by=by, consent_given_at=now, submitted_at=now, **empty)
    transaction.on_commit(lambda: confirm_submitted_intake.delay(intake.pk))
    intake_submitted.send(sender=Intake, intake=intake, by=by)
    return intake


@transaction.atomic
def ask_for_coach(intake: Intake, *, by) -> Intake:
    """A wethouder with a place in the BLOT only asks for a personal coach after all: the offer
    becomes both and the intake is a draft again, so they answer the coach's steps (the coaching
    question, the self-reflection, their wishes) that a BLOT-only intake skipped. Submitting it
    then sends it to the coordinators like any intake, with a new moment of consent and of
    submission (its waiting time starts then); the place in the BLOT stays. No mail yet."""
    intake = _locked(intake)
    if intake.wethouder_id != by.pk:
        raise ValidationError(_("Only the wethouder asks for their own coach."), code="not_owner")
    return _transition(intake, "ask_for_coach", by=by, offer=Offer.BOTH, submitted_at=None, consent_given_at=None)


@transaction.atomic
def add_blot_to_offer(wethouder) -> Intake | None:
    """A wethouder whose open intake asked for a personal coach alone has applied for the BLOT
    from their home: the offer becomes both, so the intake, the cockpit and the exports say what
    they asked for. No state changes and nobody is mailed."""
    intake = (
        Intake.objects.select_for_update()
        .filter(wethouder=wethouder, offer=Offer.COACH, state__in=OPEN_STATES)
        .order_by("-pk")
        .first()
    )
    if intake is not None:
        intake.offer = Offer.BOTH
        intake.save(update_fields=["offer"])
    return intake


@transaction.atomic
def withdraw_intake(intake: Intake, *, by) -> Intake:
    """The wethouder (or a coordinator for them) withdraws; possible in every open state. Sends
    `intake_withdrawn`, on which the coaching app ends the intake's open matches."""
    intake = _locked(intake)
    if by.is_wethouder and intake.wethouder_id != by.pk:
        raise ValidationError(_("Only the wethouder withdraws their intake."), code="not_owner")
    intake = _transition(intake, "withdraw", by=by, withdrawn_at=timezone.now())
    intake_withdrawn.send(sender=Intake, intake=intake, by=by)
    return intake


@transaction.atomic
def plan_intake_conversation(intake: Intake, *, planned_at, mode, location, attendees, by) -> IntakeConversation:
    """Plan (or move) the intake conversation. The wethouder and everyone attending get an
    invitation with an .ics (a move sends it again: the calendar event is updated)."""
    intake = _transition(_locked(intake), "plan_conversation", by=by)
    conversation, _created = IntakeConversation.objects.update_or_create(
        intake=intake,
        defaults={"planned_at": planned_at, "mode": mode, "location": location, "planned_by": by},
    )
    conversation.attendees.set(attendees)
    transaction.on_commit(lambda: send_conversation_invitation.delay(conversation.pk))
    return conversation


@transaction.atomic
def record_intake_conversation(intake: Intake, *, held_at, notes: str, ready: bool, by) -> Intake:
    """Record that the conversation was held, with the coordinator's notes; optionally mark the
    intake ready for matching at once."""
    intake = _transition(_locked(intake), "record_conversation", by=by)
    IntakeConversation.objects.filter(intake=intake).update(held_at=held_at, notes=notes, recorded_by=by)
    if ready:
        intake = _transition(intake, "mark_ready", by=by)
    return intake


@transaction.atomic
def adjust_wishes(intake: Intake, *, wishes: dict, reason: str, by) -> list[WishAdjustment]:
    """Store the coordinator's changes to the wishes beside the wethouder's own answers. Only
    wishes that differ from their current effective value are recorded."""
    intake = _locked(intake)
    if not by.is_coordinator and not by.is_superuser:
        raise ValidationError(_("Only coordinators adjust the wishes."), code="not_coordinator")
    if intake.state in (IntakeState.DRAFT, IntakeState.WITHDRAWN):
        raise ValidationError(_("The wishes of this intake cannot be adjusted now."), code="not_adjustable")
    current, now = intake.effective_wishes(), timezone.now()
    return WishAdjustment.objects.bulk_create(
        WishAdjustment(
            intake=intake,
            field=field,
            old_value=current[field],
            new_value=value,
            reason=reason,
            made_by=by,
            made_at=now,
        )
        for field, value in wishes.items()
        if field in WISH_FIELDS and value != current[field]
    )


@transaction.atomic
def mark_ready_for_matching(intake: Intake, *, by) -> Intake:
    return _transition(_locked(intake), "mark_ready", by=by)


@transaction.atomic
def mark_intake_matched(intake: Intake, *, by) -> Intake:
    """Called by the matching when a coordinator approves a coach for this intake."""
    return _transition(_locked(intake), "mark_matched", by=by)


@transaction.atomic
def reopen_for_matching(intake: Intake, *, by) -> Intake:
    """Called by the matching when there was no klik, the coach declined, or the coach changes."""
    return _transition(_locked(intake), "reopen_for_matching", by=by)
