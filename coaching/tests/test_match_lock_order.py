"""Who locks what when a match changes: always the intake before its matches, as withdrawing an
intake and choosing a coach by hand do. A coordinator approving a proposal while a colleague
chooses another coach for the same intake would otherwise deadlock (the match locked, then the
intake; the intake locked, then its matches). Real transactions on PostgreSQL."""

import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from coaching.models import Match
from coaching.services import matches as services
from coaching.tests.factories import MatchFactory
from intake.models import Intake

pytestmark = pytest.mark.django_db(transaction=True)

#: Time for the approval to reach its first lock and wait there.
SETTLE_SECONDS = 1.0


def test_approving_waits_for_the_intake_before_it_locks_the_match(coordinator):
    match = MatchFactory()
    holding, release = threading.Event(), threading.Event()
    outcome = []

    def hold_intake():
        with transaction.atomic():
            Intake.objects.select_for_update().get(pk=match.intake_id)
            holding.set()
            release.wait(timeout=30)
        connection.close()

    def approve():
        holding.wait(timeout=30)
        try:
            services.approve_match(Match.objects.get(pk=match.pk), by=coordinator)
            outcome.append("approved")
        except Exception as error:  # reported by the assertion below
            outcome.append(repr(error))
        finally:
            connection.close()

    def match_row_lock() -> str:
        try:
            with transaction.atomic():
                Match.objects.select_for_update(nowait=True).get(pk=match.pk)
            return "free"
        except OperationalError:
            return "held"

    threads = [threading.Thread(target=hold_intake), threading.Thread(target=approve)]
    for thread in threads:
        thread.start()
    holding.wait(timeout=30)
    time.sleep(SETTLE_SECONDS)
    seen = match_row_lock()  # the approval waits for the intake and holds nothing yet
    release.set()
    for thread in threads:
        thread.join()

    assert seen == "free"
    assert outcome == ["approved"]
