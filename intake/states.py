"""The intake's state machine in one table: which action moves which state to which, and who
may take it. Services enforce it; rules and tests read the same table."""

from bestuurderspool.accounts.enums import Role

from .enums import OPEN_STATES, IntakeState

S = IntakeState

#: (action, from_state) → to_state
TRANSITIONS: dict[tuple[str, str], str] = {
    ("submit", S.DRAFT): S.SUBMITTED,
    # A place in the BLOT only: no intake conversation, no matching, until the wethouder asks
    # for a personal coach after all.
    ("submit_for_blot", S.DRAFT): S.BLOT_ONLY,
    # A personal coach after all: back to a draft for the coach's steps, then submitted as usual.
    ("ask_for_coach", S.BLOT_ONLY): S.DRAFT,
    ("plan_conversation", S.SUBMITTED): S.CONVERSATION_PLANNED,
    ("plan_conversation", S.CONVERSATION_PLANNED): S.CONVERSATION_PLANNED,  # rescheduling
    ("record_conversation", S.CONVERSATION_PLANNED): S.CONVERSATION_HELD,
    ("mark_ready", S.CONVERSATION_HELD): S.READY_FOR_MATCHING,
    ("mark_matched", S.READY_FOR_MATCHING): S.MATCHED,
    ("reopen_for_matching", S.MATCHED): S.READY_FOR_MATCHING,
    **{("withdraw", state): S.WITHDRAWN for state in OPEN_STATES},
}

#: action → the roles that may take it (superusers act as coordinators)
ACTORS: dict[str, frozenset[str]] = {
    "submit": frozenset({Role.WETHOUDER}),
    "submit_for_blot": frozenset({Role.WETHOUDER}),
    "ask_for_coach": frozenset({Role.WETHOUDER}),
    "withdraw": frozenset({Role.WETHOUDER, Role.COORDINATOR}),
    "plan_conversation": frozenset({Role.COORDINATOR}),
    "record_conversation": frozenset({Role.COORDINATOR}),
    "mark_ready": frozenset({Role.COORDINATOR}),
    # Process steps taken by the matching services on behalf of whoever acted there (the
    # coordinator approving; the coach declining; either side answering "no klik"). No view
    # offers them directly; those services check who may do what.
    "mark_matched": frozenset({Role.COORDINATOR}),
    "reopen_for_matching": frozenset({Role.COORDINATOR, Role.COACH, Role.WETHOUDER}),
}

ACTIONS = tuple(ACTORS)


def actor_role(user) -> str:
    return Role.COORDINATOR if user.is_superuser else user.role


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None when the move is not allowed."""
    return TRANSITIONS.get((action, state))


def may_act(user, action: str) -> bool:
    return user.is_authenticated and actor_role(user) in ACTORS[action]
