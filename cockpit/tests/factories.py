"""Data for the dashboard's tests and the browser journey: every step of the pipeline, made
with the project's factories and services, at fixed moments in spring 2026."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.enums import AppointmentKind, EvaluationKind, MatchState, TrajectoryState
from coaching.models import Evaluation, MatchEvent
from coaching.services.trajectories import end_trajectory
from coaching.tests.factories import CoachProfileFactory, MatchFactory, hold_session, trajectory_between
from intake.enums import ConversationMode, IntakeState
from intake.models import IntakeConversation, IntakeTransition
from intake.tests.factories import ReadyIntakeFactory, SubmittedIntakeFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=AMSTERDAM)


def _conversation(coordinator, *, submitted, held):
    intake = SubmittedIntakeFactory(state=IntakeState.CONVERSATION_HELD, submitted_at=submitted)
    IntakeConversation.objects.create(
        intake=intake, planned_at=held, held_at=held, mode=ConversationMode.ONLINE, planned_by=coordinator
    )


def _klik_match(coordinator, *, ready, approved, accepted, klik, state=MatchState.KLIK, earlier=False):
    intake = ReadyIntakeFactory(state=IntakeState.MATCHED)
    IntakeTransition.objects.create(
        intake=intake, from_state=IntakeState.CONVERSATION_HELD, to_state=IntakeState.READY_FOR_MATCHING,
        by=coordinator, at=ready,
    )  # fmt: skip
    if earlier:
        first = MatchFactory(intake=intake, state=MatchState.NO_KLIK, proposed_at=ready, approved_at=ready)
        MatchEvent.objects.create(match=first, action=MatchState.NO_KLIK, at=ready)
    match = MatchFactory(intake=intake, state=state, proposed_at=approved, approved_at=approved, accepted_at=accepted)
    MatchEvent.objects.create(match=match, action=state, at=klik)
    return match


def build(coordinator, copies: int):
    """`copies` times: two intake conversations (3 and 10 days after submission), a klik at the
    first coach (2, 1 and 7 days per step), a no klik then a klik at the second, two declines and
    an expired proposal, a trajectory with a held session, an interim evaluation, completed."""
    for _ in range(copies):
        _conversation(coordinator, submitted=at(4, 1), held=at(4, 4))
        _conversation(coordinator, submitted=at(4, 1), held=at(4, 11))
        _klik_match(coordinator, ready=at(4, 10), approved=at(4, 12), accepted=at(4, 13), klik=at(4, 20))
        _klik_match(coordinator, ready=at(4, 10), approved=at(4, 12), accepted=at(4, 13), klik=at(4, 20), earlier=True)
        for reason in ("Te druk", "Te druk", "Ken de wethouder"):
            MatchFactory(state=MatchState.DECLINED, declined_at=at(5, 1), decline_reason=reason)
        MatchFactory(state=MatchState.EXPIRED, closed_at=at(5, 2))
        coach = CoachProfileFactory(capacity=3).user
        with time_machine.travel(at(4, 1), tick=False):
            trajectory = trajectory_between(coach, UserFactory(role="wethouder"), klik_on=datetime.date(2026, 4, 1))
        session = trajectory.appointments.filter(kind=AppointmentKind.SESSION).first()
        with time_machine.travel(at(4, 20), tick=False):
            hold_session(session, held_at=at(4, 15))
        Evaluation.objects.create(
            trajectory=trajectory, kind=EvaluationKind.INTERIM, usefulness=4, klik=5, change=3, submitted_at=at(5, 10)
        )
        with time_machine.travel(at(6, 1), tick=False):
            end_trajectory(trajectory, outcome=TrajectoryState.COMPLETED, reason="", by=coordinator)
