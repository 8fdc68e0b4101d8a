"""The coach agrees to a proposal to move an appointment at the very moment the wethouder
withdraws it: real concurrent transactions on PostgreSQL, released together by a barrier,
repeated. Both lock the appointment before the proposal, so one wins, the other is refused
with a message (never a deadlock or a 500), and the appointment is where the winner left it."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from coaching.enums import MoveProposalStatus
from coaching.models import Appointment, AppointmentMoveProposal
from coaching.services import moves as services
from coaching.tests.factories import MOVE_DAY, propose_move_of, trajectory_between

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROUNDS = 6


def race(proposal_id: int, coach, wethouder) -> dict[str, str]:
    barrier = threading.Barrier(2)
    outcomes = {}

    def act(name, action, by):
        try:
            proposal = AppointmentMoveProposal.objects.get(pk=proposal_id)
            barrier.wait()
            action(proposal, by=by)
            outcomes[name] = "done"
        except ValidationError:
            outcomes[name] = "refused"
        except Exception as error:  # reported by the assertion below
            outcomes[name] = repr(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=("agree", services.agree_to_move, coach)),
        threading.Thread(target=act, args=("withdraw", services.withdraw_move, wethouder)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_agreeing_and_withdrawing_at_once_leave_one_outcome(coach, wethouder):
    with time_machine.travel(MOVE_DAY, tick=False):
        trajectory = trajectory_between(coach, wethouder)
        sessions = list(trajectory.appointments.filter(kind="session", on__gt=MOVE_DAY.date()).order_by("on"))
        for session in sessions[:ROUNDS]:
            original = session.on
            proposal = propose_move_of(session)  # a week later
            outcomes = race(proposal.pk, coach, wethouder)
            assert sorted(outcomes.values()) == ["done", "refused"], outcomes
            proposal.refresh_from_db()
            moved_to = Appointment.objects.get(pk=session.pk).on
            if outcomes["agree"] == "done":
                assert (proposal.status, moved_to) == (MoveProposalStatus.AGREED, original + datetime.timedelta(days=7))
                # Back, so the next round proposes the same day again.
                Appointment.objects.filter(pk=session.pk).update(on=original)
            else:
                assert (proposal.status, moved_to) == (MoveProposalStatus.WITHDRAWN, original)
