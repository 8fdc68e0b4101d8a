"""The whole state × action × role table, through the services."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from intake import services
from intake.enums import IntakeState, Offer
from intake.models import IntakeTransition
from intake.states import ACTIONS, ACTORS, TRANSITIONS, actor_role
from intake.tests.factories import CompleteIntakeFactory

NOW = timezone.now()


def submit_for_blot(intake, user):
    intake.offer = Offer.BLOT
    intake.save()
    return services.submit_intake(intake, consent=True, by=user)


def act(intake, action, user):
    calls = {
        "submit": lambda: services.submit_intake(intake, consent=True, by=user),
        "submit_for_blot": lambda: submit_for_blot(intake, user),
        "ask_for_coach": lambda: services.ask_for_coach(intake, by=user),
        "withdraw": lambda: services.withdraw_intake(intake, by=user),
        "plan_conversation": lambda: services.plan_intake_conversation(
            intake,
            planned_at=NOW + datetime.timedelta(days=3),
            mode="online",
            location="",
            attendees=[],
            by=user,
        ),
        "record_conversation": lambda: services.record_intake_conversation(
            intake, held_at=NOW, notes="", ready=False, by=user
        ),
        "mark_ready": lambda: services.mark_ready_for_matching(intake, by=user),
        "mark_matched": lambda: services.mark_intake_matched(intake, by=user),
        "reopen_for_matching": lambda: services.reopen_for_matching(intake, by=user),
    }
    return calls[action]()


@pytest.mark.parametrize(
    ("state", "action", "persona"),
    list(itertools.product(IntakeState, ACTIONS, ["wethouder", "coach", "coordinator", "other_wethouder"])),
)
def test_state_machine_allows_exactly_the_table(request, db, wethouder, state, action, persona):
    user = request.getfixturevalue(persona)
    intake = CompleteIntakeFactory(wethouder=wethouder, state=state)
    if state == IntakeState.CONVERSATION_PLANNED:
        services.IntakeConversation.objects.create(intake=intake, planned_at=NOW, mode="online", planned_by=user)
    allowed = (
        (action, state) in TRANSITIONS
        and actor_role(user) in ACTORS[action]
        and not (persona == "other_wethouder" and action in ("submit", "submit_for_blot", "ask_for_coach", "withdraw"))
    )
    before = IntakeTransition.objects.count()
    if allowed:
        act(intake, action, user)
        intake.refresh_from_db()
        assert intake.state == TRANSITIONS[(action, state)]
        assert IntakeTransition.objects.count() == before + 1
    else:
        with pytest.raises(ValidationError):
            act(intake, action, user)
        intake.refresh_from_db()
        assert intake.state == state
        assert IntakeTransition.objects.count() == before


def test_transition_records_who_and_when(wethouder, coordinator):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    services.submit_intake(intake, consent=True, by=wethouder)
    services.withdraw_intake(intake, by=coordinator)
    assert [(t.from_state, t.to_state, t.by) for t in intake.transitions.all()] == [
        ("draft", "submitted", wethouder),
        ("submitted", "withdrawn", coordinator),
    ]
