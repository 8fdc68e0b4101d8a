"""Two beats started by mistake: two sweeps at the same moment do the work once. Drilled with
real concurrent database sessions on PostgreSQL: the first sweep is held in the middle of its
work (its insert waits for another session's uncommitted row with the same key) while the second
one starts."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from bestuurderspool.notifications import services
from bestuurderspool.notifications.enums import ReminderKind, ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.tasks import send_due_reminders
from intake.tests.factories import SubmittedIntakeFactory
from tests.support.processes import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def in_thread(work, results: dict, name: str) -> threading.Thread:
    def run():
        try:
            results[name] = work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def hold_row_with_key(candidate, holding: threading.Event, release: threading.Event):
    """Another session inserts the candidate's reminder and keeps its transaction open."""

    def work():
        with transaction.atomic():
            Reminder.objects.create(
                key=candidate.key,
                kind=candidate.kind,
                user_id=candidate.user_id,
                target_id=candidate.target_id,
                due_at=candidate.due_at,
                next_attempt_at=candidate.due_at,
            )
            holding.set()
            release.wait(30)
            transaction.set_rollback(True)  # the row never existed

    return work


def test_two_sweeps_at_once_do_the_work_once(coordinator):
    now = timezone.now()
    SubmittedIntakeFactory(submitted_at=now - timedelta(days=10))  # an intake waiting too long
    (candidate,) = services.due_candidates(now)
    holding, release, results = threading.Event(), threading.Event(), {}
    blocker = in_thread(hold_row_with_key(candidate, holding, release), results, "blocker")
    assert holding.wait(10)
    first = in_thread(send_due_reminders, results, "first")
    wait_until(waiting_on_a_lock, timeout=10, what="the first sweep to wait in the middle of its work")

    second = in_thread(send_due_reminders, results, "second")
    second.join(10)
    finished_while_the_first_was_busy = not second.is_alive()
    release.set()
    for thread in (blocker, first, second):
        thread.join(30)

    assert finished_while_the_first_was_busy
    assert (results["first"], results["second"]) == (1, None)
    assert list(Reminder.objects.values_list("kind", "user_id", "status")) == [
        (ReminderKind.INTAKE_WAITING, coordinator.pk, ReminderStatus.SENT)
    ]


def test_a_finished_sweep_lets_go_of_the_lock_and_records_when_it_ran(coordinator):
    assert services.last_sweep() is None
    first, second = send_due_reminders(), send_due_reminders()
    assert (first, second) == (0, 0)
    assert timezone.now() - services.last_sweep() < timedelta(seconds=5)
