"""Fixtures of the tests of moving an appointment (proposing, answering, withdrawing): one
trajectory between the coach and the wethouder, the day the tests take place on, and the first
session still ahead on that day."""

import pytest
import time_machine

from coaching.tests.factories import MOVE_DAY, trajectory_between


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder, observation_settings=("council",))


@pytest.fixture
def today():
    with time_machine.travel(MOVE_DAY, tick=False):
        yield


@pytest.fixture
def session(trajectory):
    """The first session still ahead on MOVE_DAY."""
    return trajectory.appointments.filter(kind="session", on__gt=MOVE_DAY.date()).order_by("on").first()
