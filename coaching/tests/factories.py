import datetime
from zoneinfo import ZoneInfo

import factory
import time_machine
from django.db.models import F
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.municipalities.models import Municipality
from coaching.enums import MatchState
from coaching.models import CoachProfile, ConflictOfInterest, FormerRole, Match

#: The day the tests of moving an appointment take place on (`coaching/tests/conftest.py`).
MOVE_DAY = datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC)


def municipality(name: str) -> Municipality:
    return Municipality.objects.lookup(name)


class CoachProfileFactory(factory.django.DjangoModelFactory):
    """A coach (with TOTP) living in Zwolle, two places, coaching on every common theme."""

    class Meta:
        model = CoachProfile

    user = factory.LazyFunction(lambda: with_totp(UserFactory(role="coach")))
    home_municipality = factory.LazyFunction(lambda: municipality("Zwolle"))
    themes = ["personal_leadership", "field_of_forces", "council", "media"]
    capacity = 2
    availability = ["mon_morning", "thu_evening"]
    observes = True
    gender = "female"


class FormerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormerRole

    coach = factory.SubFactory(CoachProfileFactory)
    background = "ex_wethouder"
    municipality = factory.LazyFunction(lambda: municipality("Deventer"))
    start_year = 2010
    end_year = 2018


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    coach = factory.SubFactory(CoachProfileFactory)


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    intake = factory.SubFactory("intake.tests.factories.ReadyIntakeFactory")
    wethouder = factory.LazyAttribute(lambda m: m.intake.wethouder)
    coach = factory.LazyFunction(lambda: CoachProfileFactory().user)
    state = MatchState.PROPOSED
    proposed_at = factory.LazyFunction(timezone.now)


KLIK_DAY = datetime.date(2026, 3, 2)


def trajectory_between(coach, wethouder, *, klik_on=KLIK_DAY, observation_settings=(), **intake_answers):
    """A trajectory as the klik starts it: a KLIK match holding one of the coach's places, and
    the plan made on `klik_on` (10:00 Amsterdam) from an intake with `intake_answers`."""
    from coaching.services.trajectories import start_trajectory
    from intake.enums import IntakeState
    from intake.tests.factories import ReadyIntakeFactory

    profile = CoachProfile.objects.filter(user=coach).first() or CoachProfileFactory(user=coach)
    CoachProfile.objects.filter(pk=profile.pk).update(active_load=F("active_load") + 1)
    intake = ReadyIntakeFactory(
        wethouder=wethouder,
        state=IntakeState.MATCHED,
        wants_observation=bool(observation_settings),
        observation_settings=list(observation_settings),
        **intake_answers,
    )
    moment = datetime.datetime.combine(klik_on, datetime.time(10), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        match = MatchFactory(intake=intake, coach=coach, state=MatchState.KLIK, approved_at=moment, accepted_at=moment)
        return start_trajectory(match, by=coach)


def hold_session(appointment, *, held_at=None, minutes=60, private_notes="", shared_summary="", by=None):
    """The coach logs `appointment` as held (by default at 10:00 Amsterdam on its planned day),
    online, no themes, through the real service."""
    from coaching.services.trajectories import log_session

    amsterdam = ZoneInfo("Europe/Amsterdam")
    held_at = held_at or datetime.datetime.combine(appointment.on, datetime.time(10), tzinfo=amsterdam)
    return log_session(
        appointment,
        held_at=held_at,
        minutes=minutes,
        mode="online",
        themes=[],
        private_notes=private_notes,
        shared_summary=shared_summary,
        by=by or appointment.trajectory.coach,
    )


def propose_move_of(appointment, *, on=None, start_time=None, location="", reason="Raadsvergadering verschoven"):
    """The wethouder proposes to move `appointment` (by default a week later) through the real
    service."""
    from coaching.services.moves import propose_move

    return propose_move(
        appointment,
        on=on or appointment.on + datetime.timedelta(days=7),
        start_time=start_time,
        location=location,
        reason=reason,
        by=appointment.trajectory.wethouder,
    )
