"""Who may do what with an intake. Views check these; services check the state table."""

import rules

from bestuurderspool.accounts.rules import is_coach, is_coordinator, is_wethouder

from .enums import IntakeState


@rules.predicate
def is_own_intake(user, intake) -> bool:
    return intake is not None and intake.wethouder_id == user.pk


@rules.predicate
def is_draft(user, intake) -> bool:
    return intake is not None and intake.state == IntakeState.DRAFT


@rules.predicate
def is_blot_only(user, intake) -> bool:
    return intake is not None and intake.state == IntakeState.BLOT_ONLY


@rules.predicate
def is_open(user, intake) -> bool:
    return intake is not None and intake.is_open


@rules.predicate
def is_attending_before_the_conversation(user, intake) -> bool:
    """Invited to the intake conversation, which has not been held yet."""
    conversation = getattr(intake, "conversation", None) if intake is not None else None
    return (
        conversation is not None and conversation.held_at is None and conversation.attendees.filter(pk=user.pk).exists()
    )


rules.add_perm("intake.start_intake", is_wethouder)
rules.add_perm("intake.prepare_conversation", is_coach & is_attending_before_the_conversation)
rules.add_perm("intake.view_intake", is_coordinator | (is_wethouder & is_own_intake))
rules.add_perm("intake.change_intake", is_wethouder & is_own_intake & is_draft)
rules.add_perm("intake.ask_for_coach", is_wethouder & is_own_intake & is_blot_only)
rules.add_perm("intake.withdraw_intake", ((is_wethouder & is_own_intake) | is_coordinator) & is_open)
rules.add_perm("intake.view_worklist", is_coordinator)
rules.add_perm("intake.plan_conversation", is_coordinator)
rules.add_perm("intake.record_conversation", is_coordinator)
rules.add_perm("intake.adjust_wishes", is_coordinator)
