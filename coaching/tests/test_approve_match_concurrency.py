"""Two coordinators approving at the same moment: real concurrent transactions on PostgreSQL,
threads released together by a barrier, repeated. With the row lock no coach ever goes over
capacity; with the lock taken away the same drill catches the over-allocation."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.enums import MatchState
from coaching.models import CoachProfile, Match
from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory, MatchFactory
from intake.tests.factories import ReadyIntakeFactory

THREADS = 4
ROUNDS = 10

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def approve_together(match_ids, coordinator) -> list[str]:
    barrier = threading.Barrier(len(match_ids))
    outcomes = []

    def approve(match_id):
        try:
            match = Match.objects.get(pk=match_id)
            barrier.wait()
            services.approve_match(match, by=coordinator)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(match_id,)) for match_id in match_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def drill_one_place(coordinator) -> list[tuple[int, int]]:
    """Per round: (approved matches, active_load) for a coach with one place and four proposals."""
    results = []
    for _ in range(ROUNDS):
        profile = CoachProfileFactory(capacity=1)
        matches = [
            MatchFactory(intake=ReadyIntakeFactory(wethouder=UserFactory()), coach=profile.user) for _ in range(THREADS)
        ]
        approve_together([m.pk for m in matches], coordinator)
        profile.refresh_from_db()
        approved = Match.objects.filter(coach=profile.user, state=MatchState.APPROVED).count()
        results.append((approved, profile.active_load))
    return results


def test_concurrent_approvals_never_exceed_capacity(coordinator):
    assert drill_one_place(coordinator) == [(1, 1)] * ROUNDS


def test_without_the_lock_the_drill_catches_over_allocation(coordinator, monkeypatch):
    monkeypatch.setattr(services, "LOCK_COACH_ROW", False)
    results = drill_one_place(coordinator)
    assert any(approved > 1 for approved, _load in results), results
    # The lost update leaves the counter wrong as well: more approvals than the load says.
    assert any(approved > load for approved, load in results), results


def test_concurrent_approvals_never_give_one_wethouder_two_matches(coordinator):
    for _ in range(ROUNDS):
        intake = ReadyIntakeFactory(wethouder=UserFactory())
        matches = [MatchFactory(intake=intake, coach=CoachProfileFactory().user) for _ in range(2)]
        outcomes = approve_together([m.pk for m in matches], coordinator)
        assert sorted(outcomes) == ["approved", "refused"]
        assert Match.objects.filter(intake=intake, state=MatchState.APPROVED).count() == 1
        assert (
            sum(CoachProfile.objects.filter(user__in=[m.coach for m in matches]).values_list("active_load", flat=True))
            == 1
        )
