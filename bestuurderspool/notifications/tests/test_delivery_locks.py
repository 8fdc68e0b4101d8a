"""Delivery holds an advisory lock per reminder for as long as its worker's connection lives, and
marks each reminder sent the moment the SMTP server took it. Drilled here with real concurrent
database sessions on PostgreSQL and a real SMTP server: workers handed the same batch at the
same moment send every reminder once; with the locks taken away the same drill sends doubles."""

import contextlib
import threading

import psycopg
import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from bestuurderspool.notifications import services
from bestuurderspool.notifications.enums import ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.tests.factories import due_reminders
from tests.support.processes import database_url, wait_until
from tests.support.smtp_sink import SmtpSink, smtp_mailers

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
WORKERS = 4
REMINDERS = 40


@pytest.fixture
def sink():
    with SmtpSink() as running, override_settings(MAILERS=smtp_mailers(running.port)):
        yield running


def claimed(coordinator, count: int) -> list[int]:
    due_reminders(coordinator, count)
    return services.claim_due(timezone.now())


def deliver_together(ids: list[int]) -> list[dict[str, int]]:
    """`WORKERS` threads, each with its own database session, deliver the same ids at once."""
    barrier = threading.Barrier(WORKERS)
    results = []

    def work():
        try:
            barrier.wait()
            results.append(services.deliver(ids))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_workers_handed_the_same_batch_at_once_send_each_reminder_once(coordinator, sink):
    ids = claimed(coordinator, REMINDERS)

    results = deliver_together(ids)

    assert sum(result["sent"] for result in results) == REMINDERS
    assert sum(result["not_ours"] for result in results) == REMINDERS * (WORKERS - 1)
    assert sink.total == REMINDERS
    assert set(sink.received.values()) == {1}
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == REMINDERS


def test_without_the_locks_the_drill_catches_doubles(coordinator, sink, monkeypatch):
    monkeypatch.setattr(services, "_locked", contextlib.nullcontext)  # every worker takes every id
    ids = claimed(coordinator, REMINDERS)

    deliver_together(ids)

    assert sink.total > REMINDERS
    assert max(sink.received.values()) > 1


def lock_held(reminder_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s AND objid = %s",
            [services.LOCK_SPACE, reminder_id],
        )
        return cursor.fetchone()[0] > 0


def test_a_reminder_locked_by_a_live_worker_is_left_to_it_and_sent_once_it_lets_go(coordinator, sink):
    ids = claimed(coordinator, 3)
    with psycopg.connect(database_url(), autocommit=True) as other_worker:
        other_worker.execute("SELECT pg_advisory_lock(%s, %s)", [services.LOCK_SPACE, ids[0]])

        counts = services.deliver(ids)

        assert (counts["sent"], counts["not_ours"]) == (2, 1)
        assert Reminder.objects.get(pk=ids[0]).status == ReminderStatus.QUEUED
    # The other worker's connection is gone (as when it is killed): its lock went with it, once the
    # server has ended that session (closing the connection does not wait for it).
    wait_until(lambda: not lock_held(ids[0]), timeout=10, what="the server to end the other session")
    assert services.deliver(ids)["sent"] == 1
    assert sink.total == 3
    assert set(sink.received.values()) == {1}


def test_each_reminder_is_marked_sent_as_soon_as_the_server_took_it(coordinator, sink, monkeypatch):
    """A worker that dies mid-batch has lost only the reminder it was sending: the ones before it
    are recorded as sent (committed, not waiting for the end of the batch)."""
    ids = claimed(coordinator, 5)
    marked_before_each_send = []
    original = services._send

    def send_and_look(reminder, message, mailer):
        with psycopg.connect(database_url(), autocommit=True) as observer:  # sees committed rows only
            sent = observer.execute("SELECT count(*) FROM notifications_reminder WHERE status = 'sent'")
            marked_before_each_send.append(sent.fetchone()[0])
        return original(reminder, message, mailer)

    monkeypatch.setattr(services, "_send", send_and_look)
    services.deliver(ids)

    assert marked_before_each_send == [0, 1, 2, 3, 4]


def test_the_server_lets_go_of_a_vanished_workers_locks_within_two_minutes():
    """A machine that disappears sends no goodbye: TCP keepalives on the worker's session make
    PostgreSQL end it (and release its locks) within two minutes instead of the system's two hours."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting::int FROM pg_settings WHERE name LIKE 'tcp_keepalives_%' ORDER BY name")
        settings = dict(cursor.fetchall())
    idle, interval, count = (settings[f"tcp_keepalives_{n}"] for n in ("idle", "interval", "count"))
    assert 0 < idle + interval * count <= 120
