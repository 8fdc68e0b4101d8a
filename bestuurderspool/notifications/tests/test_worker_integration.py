"""Exactly once with a real Celery worker process and a real Redis (our own redis-server, so it
can be restarted): a task delivered twice sends once; a worker killed in the middle of a task
loses nothing and sends nothing twice; a Redis restart loses nothing and the worker resumes."""

import pytest
from django.test import override_settings
from django.utils import timezone

from bestuurderspool.celery import app
from bestuurderspool.notifications import services
from bestuurderspool.notifications.enums import ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.tasks import deliver_reminders, send_due_reminders
from bestuurderspool.notifications.tests.factories import due_reminders
from tests.support.processes import CeleryWorker, RedisServer, publish_to, reset_publisher, wait_until
from tests.support.smtp_sink import SmtpSink, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
REQUEUE_AFTER = 2


@pytest.fixture
def redis():
    server = RedisServer(free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis):
    """This test process publishes to the private Redis for real (not eagerly)."""
    saved = publish_to(redis.url)
    yield redis
    reset_publisher()
    app.conf.update(saved)


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture
def worker(broker, sink, tmp_path):
    workers = []

    def start():
        env = {"REMINDER_REQUEUE_AFTER_SECONDS": str(REQUEUE_AFTER)}
        process = CeleryWorker(redis_url=broker.url, smtp_port=sink.port, log=tmp_path / "worker.log", extra_env=env)
        workers.append(process.start())
        return process

    yield start
    for process in workers:
        process.stop()


def all_sent(count: int):
    return lambda: Reminder.objects.filter(status=ReminderStatus.SENT).count() == count


def test_a_task_delivered_twice_sends_once(coordinator, worker, sink):
    worker()
    due_reminders(coordinator, 10)
    ids = services.claim_due(timezone.now())
    deliver_reminders.delay(ids)
    deliver_reminders.delay(ids)  # the broker delivers the same task again
    deliver_reminders.delay(ids[:5])
    wait_until(all_sent(10), what="10 reminders sent")
    wait_until(lambda: sink.total >= 10, what="10 mails")
    assert set(sink.received.values()) == {1}
    assert len(sink.received) == 10


@override_settings(REMINDER_REQUEUE_AFTER_SECONDS=REQUEUE_AFTER)
def test_a_worker_killed_in_the_middle_of_a_task_loses_nothing_and_sends_nothing_twice(coordinator, worker, sink):
    first = worker()
    due_reminders(coordinator, 5)
    sink.stall()  # the first message hangs in the middle of the SMTP conversation
    send_due_reminders()
    assert sink.stalled.wait(30), "the worker should be sending"
    first.kill()
    sink.release()
    assert Reminder.objects.filter(status=ReminderStatus.QUEUED).count() == 5  # the crash rolled back
    assert sink.total == 0

    worker()
    wait_until(lambda: Reminder.objects.filter(status=ReminderStatus.SENT).count() == 5 or _beat(), timeout=30, every=1)
    assert sink.total == 5
    assert set(sink.received.values()) == {1}


@override_settings(REMINDER_REQUEUE_AFTER_SECONDS=REQUEUE_AFTER)
def test_a_redis_restart_loses_nothing_and_the_worker_resumes(coordinator, worker, broker, sink):
    due_reminders(coordinator, 5)
    send_due_reminders()  # tasks wait in Redis; no worker yet
    broker.restart()  # Redis keeps nothing on disk: the tasks are gone
    reset_publisher()
    running = worker()
    wait_until(lambda: Reminder.objects.filter(status=ReminderStatus.SENT).count() == 5 or _beat(), timeout=30, every=1)
    assert sink.total == 5

    broker.restart()  # again, with the worker running: it reconnects
    reset_publisher()
    due_reminders(coordinator, 3, first=100)
    send_due_reminders()
    wait_until(all_sent(8), timeout=60, what="the worker to resume after the Redis restart")
    assert running.process is not None
    assert sink.total == 8
    assert set(sink.received.values()) == {1}


def _beat() -> bool:
    """One run of the periodic task, as beat does every minute."""
    send_due_reminders()
    return False
