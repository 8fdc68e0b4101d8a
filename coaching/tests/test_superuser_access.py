"""A superuser is a coordinator in the portal, nothing more: the coach's and the wethouder's own
forms (the evaluation, the session log, the answer to a proposal, the klik) answer 403 to them,
never a form and never a 500, and nothing is written."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.enums import MatchState
from coaching.models import Appointment, Evaluation, Match
from coaching.tests.factories import MatchFactory, trajectory_between


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder)


def snapshot():
    return (list(Evaluation.objects.values()), list(Appointment.objects.values()), list(Match.objects.values()))


@pytest.mark.parametrize("kind", ["interim", "final"])
def test_a_superuser_gets_no_evaluation_form(client, trajectory, superuser, kind):
    url = reverse("coaching:evaluate", args=[trajectory.pk, kind])
    before = snapshot()
    with time_machine.travel(datetime.datetime(2027, 6, 1, 12, tzinfo=datetime.UTC)):
        client.force_login(superuser)
        assert client.get(url).status_code == 403
        assert client.post(url, {"usefulness": "4", "klik": "4", "change": "4"}).status_code == 403
    assert snapshot() == before


def test_a_superuser_cannot_log_propose_or_answer_for_the_parties(client, trajectory, superuser):
    session = trajectory.appointments.filter(kind="session").first()
    client.force_login(superuser)
    before = snapshot()
    posts = [
        (reverse("coaching:log_appointment", args=[session.pk]), {"minutes": "60", "mode": "online"}),
        (reverse("coaching:propose_extra", args=[trajectory.pk]), {"kind": "session", "on": "2026-04-01"}),
        (reverse("coaching:answer_extra", args=[session.pk]), {"agree": "yes"}),
        (reverse("coaching:plan_trajectory", args=[trajectory.pk]), {"sessions": "6", "months": "9"}),
        (reverse("coaching:reschedule", args=[session.pk]), {"on": "2026-04-01", "reason": "x"}),
        (reverse("coaching:cancel_appointment", args=[session.pk]), {"reason": "x"}),
    ]
    for url, data in posts:
        assert (url, client.post(url, data).status_code) == (url, 403)
    assert snapshot() == before


def test_a_superuser_cannot_answer_a_proposal_or_the_klik(client, superuser):
    match = MatchFactory(state=MatchState.PROPOSED, approved_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    client.force_login(superuser)
    before = snapshot()
    for name, data in [("accept", {}), ("decline", {"reason": "x"}), ("answer_klik", {"klik": "yes"})]:
        url = reverse(f"coaching:{name}", args=[match.pk])
        assert (name, client.post(url, data).status_code) == (name, 403)
    assert snapshot() == before


def test_a_superuser_still_reads_the_coordinators_pages(client, trajectory, superuser):
    client.force_login(superuser)
    assert client.get(reverse("coaching:trajectory_detail", args=[trajectory.pk])).status_code == 200
    assert client.get(reverse("coaching:trajectories")).context["scores"] is not None
    assert client.get(reverse("coaching:pool")).status_code == 200
