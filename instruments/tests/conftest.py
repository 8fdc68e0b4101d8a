import datetime

import pytest
import time_machine

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import trajectory_between

#: A day inside the first weeks of the trajectory (the klik was on 2 March 2026).
EARLY = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder, observation_settings=("council",))


@pytest.fixture
def early():
    with time_machine.travel(EARLY, tick=False):
        yield


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


def on_day(day: datetime.date):
    """Travel to noon of `day`."""
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC), tick=False)


def appointment_day(trajectory, kind: str) -> datetime.date:
    return trajectory.appointments.get(kind=kind).on
