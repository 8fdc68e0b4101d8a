"""The wethouder withdraws a proposal to move before the coach answers; a proposal that the
appointment's own changes overtake (moved, cancelled, held, the trajectory ended) closes as
overtaken and can no longer be answered."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.enums import MoveProposalStatus
from coaching.services import moves as services
from coaching.services import trajectories as trajectory_services
from coaching.tests.factories import MOVE_DAY, hold_session, propose_move_of, trajectory_between


@pytest.fixture
def proposal(session, today):
    return propose_move_of(session, on=datetime.date(2026, 6, 10), reason="Werkbezoek")


def test_the_wethouder_withdraws_and_the_coach_is_told(
    proposal, session, coach, wethouder, client_for, today, django_capture_on_commit_callbacks
):
    old_on = session.on
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(wethouder).post(reverse("coaching:withdraw_move", args=[proposal.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("coaching:appointment_detail", args=[session.pk])
    proposal.refresh_from_db()
    session.refresh_from_db()
    assert (proposal.status, proposal.answered_by, session.on) == (MoveProposalStatus.WITHDRAWN, wethouder, old_on)
    assert [m.to for m in mail.outbox] == [[coach.email]]
    assert mail.outbox[0].subject.endswith("De wethouder heeft een voorstel om te verzetten ingetrokken")
    page = client_for(wethouder).get(reverse("coaching:appointment_detail", args=[session.pk])).content.decode()
    assert 'data-testid="open-move-proposal"' not in page
    assert reverse("coaching:propose_move", args=[session.pk]) in page  # a new proposal can be made


def test_a_withdrawn_proposal_cannot_be_agreed(proposal, coach, wethouder, client_for, today):
    services.withdraw_move(proposal, by=wethouder)
    response = client_for(coach).post(reverse("coaching:agree_move", args=[proposal.pk]), follow=True)
    assert "niet meer open (Ingetrokken)" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.withdraw_move(proposal, by=wethouder)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coach", 403),
        ("coordinator", 403),
        ("other_coach", 404),
        ("other_wethouder", 404),
        ("sponsor", 404),
        (None, 302),
    ],
)
def test_only_the_trajectorys_wethouder_withdraws(db, request, proposal, client_for, persona, status, today):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).post(reverse("coaching:withdraw_move", args=[proposal.pk])).status_code == status
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN


def test_the_service_refuses_anyone_but_the_wethouder(proposal, coach, other_wethouder, coordinator, today):
    for user in (coach, other_wethouder, coordinator):
        with pytest.raises(ValidationError, match="Alleen de wethouder"):
            services.withdraw_move(proposal, by=user)


def test_someone_elses_proposal_is_not_found(proposal, coach, wethouder, other_coach, other_wethouder, client_for):
    with time_machine.travel(MOVE_DAY, tick=False):
        theirs = propose_move_of(trajectory_between(other_coach, other_wethouder).appointments.last())
        assert client_for(wethouder).post(reverse("coaching:withdraw_move", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == MoveProposalStatus.OPEN


# --- Overtaken ------------------------------------------------------------------------------------


def _moved_by_coach(session, coach):
    trajectory_services.reschedule_appointment(
        session, on=datetime.date(2026, 6, 12), start_time=None, location="", reason="Zelf verzet", by=coach
    )


def _cancelled(session, coach):
    trajectory_services.cancel_appointment(session, reason="Ziek", by=coach)


def _held(session, coach):
    with time_machine.travel(datetime.datetime.combine(session.on, datetime.time(18), tzinfo=datetime.UTC)):
        hold_session(session, by=coach)


def _ended(session, coach):
    trajectory_services.end_trajectory(session.trajectory, outcome="stopped", reason="Verhuisd", by=coach)


@pytest.mark.parametrize("change", [_moved_by_coach, _cancelled, _held, _ended])
def test_a_change_made_otherwise_overtakes_the_open_proposal(proposal, session, coach, today, change):
    change(session, coach)
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OVERTAKEN
    assert proposal.answered_at is not None
    with pytest.raises(ValidationError, match="niet meer open"):
        services.agree_to_move(proposal, by=coach)


def test_a_longer_trajectory_overtakes_a_proposal_for_the_closing_conversation(trajectory, coach, wethouder, today):
    from coaching.services.requests import answer_extension, request_extension

    closing = trajectory.appointments.get(kind="final_evaluation")
    proposal = propose_move_of(closing, on=closing.on - datetime.timedelta(days=14))
    answer_extension(request_extension(trajectory, months=12, sessions=6, by=wethouder), agree=True, by=coach)
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OVERTAKEN
