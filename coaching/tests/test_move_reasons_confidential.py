"""Coordinators follow the planning of every trajectory but never read why an appointment
changes: the reasons of moves and cancellations and the proposals to move (reason and answer)
are absent from every page of the trajectory a coordinator opens, and are not even loaded."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from coaching.services import moves
from coaching.services import trajectories as services
from coaching.tests.factories import MOVE_DAY, propose_move_of, trajectory_between

MOVE_REASON = "kanarie-verzetreden-77c1 gesprek met de burgemeester"
DECLINE_NOTE = "kanarie-afwijzing-verzet-92d4"
OPEN_REASON = "kanarie-open-voorstel-3e8f"
DIRECT_REASON = "kanarie-direct-verzet-5b2a"
CANCEL_REASON = "kanarie-annulering-6c3d"
CANARIES = (MOVE_REASON, DECLINE_NOTE, OPEN_REASON, DIRECT_REASON, CANCEL_REASON)


@pytest.fixture
def trajectory(coach, wethouder):
    trajectory = trajectory_between(coach, wethouder, observation_settings=("council",))
    ahead = list(trajectory.appointments.filter(kind="session", on__gt=MOVE_DAY.date()).order_by("on"))
    with time_machine.travel(MOVE_DAY, tick=False):
        agreed = propose_move_of(ahead[0], on=datetime.date(2026, 6, 10), reason=MOVE_REASON)
        moves.agree_to_move(agreed, by=coach)
        declined = propose_move_of(ahead[1], reason="gewoon")
        moves.decline_move(declined, note=DECLINE_NOTE, by=coach)
        propose_move_of(ahead[2], reason=OPEN_REASON)
        services.reschedule_appointment(
            ahead[3], on=ahead[3].on + datetime.timedelta(days=1), start_time=None, location="", reason=DIRECT_REASON,
            by=coach,
        )  # fmt: skip
        services.cancel_appointment(ahead[4], reason=CANCEL_REASON, by=coach)
    return trajectory


def _coordinator_pages(trajectory):
    yield "/"
    yield reverse("coaching:trajectories")
    yield reverse("coaching:trajectory_detail", args=[trajectory.pk])
    for appointment in trajectory.appointments.all():
        yield reverse("coaching:appointment_detail", args=[appointment.pk])


def test_no_coordinator_page_of_the_trajectory_shows_a_reason(trajectory, coordinator, client_for):
    client = client_for(coordinator)
    with time_machine.travel(MOVE_DAY, tick=False):
        for url in _coordinator_pages(trajectory):
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert [canary for canary in CANARIES if canary in page] == [], url


def test_the_coordinator_still_sees_the_planning_and_its_history(trajectory, coordinator, client_for):
    moved = trajectory.appointments.get(on=datetime.date(2026, 6, 10))
    response = client_for(coordinator).get(reverse("coaching:appointment_detail", args=[moved.pk]))
    page = response.content.decode()
    assert "10 juni 2026" in page
    assert 'data-testid="history"' in page
    assert response.context["move_proposals"] == []
    assert all("reason" in change.get_deferred_fields() for change in response.context["changes"])


@pytest.mark.parametrize("persona", ["coach", "wethouder"])
def test_coach_and_wethouder_read_the_reasons(db, request, trajectory, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    pages = "".join(
        client.get(reverse("coaching:appointment_detail", args=[a.pk])).content.decode()
        for a in trajectory.appointments.all()
    )
    assert [canary for canary in CANARIES if canary not in pages] == []
