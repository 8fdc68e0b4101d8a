"""10,000 due reminders through one Celery worker to a local SMTP sink, on PostgreSQL and a
private Redis: the time to drain, and proof of zero duplicates and zero missing.

    make bench   (or: python benchmarks/bench_reminders.py)

Each reminder is an "appointment coming up" mail (the heaviest kind: relevance check, the
recipient's choices, HTML + text, an .ics attachment), for 500 trajectories × 10 appointments ×
coach and wethouder. The beat task claims them all and queues 100 batch tasks; one worker
(prefork, one process per core, Celery's default) sends them. Target: at least 500 reminders a
second.

The sink is Postfix's smtp-sink (C, unpacked by scripts/ensure-smtp-sink), writing each message
to a tmpfs file; `BENCH_SINK=aiosmtpd` uses the Python sink of the integration tests instead,
which takes about a millisecond of the machine's CPU per message itself.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurderspool.settings_test")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_reminders_bestuurderspool")  # throwaway, dropped at the end
os.environ["REQUIRE_SERVICES"] = "1"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

N_TRAJECTORIES = int(os.environ.get("BENCH_TRAJECTORIES", "500"))
#: "appointment_upcoming" (HTML + text + .ics, the heaviest) or "reminder_failed" (the lightest).
KIND = os.environ.get("BENCH_KIND", "appointment_upcoming")
#: One worker (one `celery worker`), with this many prefork processes.
PROCESSES = int(os.environ.get("BENCH_WORKER_PROCESSES", os.cpu_count() or 2))
#: "postfix" (smtp-sink, C) or "aiosmtpd" (Python).
SINK = os.environ.get("BENCH_SINK", "postfix")


def populate() -> int:
    if KIND == "reminder_failed":
        return populate_light()
    return populate_appointments()


def populate_light() -> int:
    """The lightest mail (no .ics, no relevance query): what the mechanism itself costs."""
    from django.utils import timezone

    from bestuurderspool.accounts.tests.factories import UserFactory
    from bestuurderspool.notifications.models import Reminder

    now = timezone.now()
    coordinators = [UserFactory(role="coordinator") for _ in range(100)]
    Reminder.objects.bulk_create(
        (
            Reminder(
                key=f"reminder_failed:{n}:bench",
                kind="reminder_failed",
                user=coordinators[n % 100],
                target_id=n,
                due_at=now,
                next_attempt_at=now,
            )
            for n in range(10_000)
        ),
        batch_size=2000,
    )
    return 10_000


def populate_appointments() -> int:
    from django.utils import timezone

    from bestuurderspool.accounts.tests.factories import UserFactory
    from bestuurderspool.notifications.models import Reminder
    from coaching.tests.factories import CoachProfileFactory, trajectory_between

    today = timezone.localdate()
    now = timezone.now()
    reminders = []
    coaches = [CoachProfileFactory(capacity=2).user for _ in range(N_TRAJECTORIES // 2)]
    for n in range(N_TRAJECTORIES):
        coach = coaches[n // 2]
        trajectory = trajectory_between(
            coach, UserFactory(role="wethouder"), klik_on=today, observation_settings=("public", "council")
        )
        for appointment in trajectory.appointments.all():
            for user_id in (trajectory.coach_id, trajectory.wethouder_id):
                reminders.append(
                    Reminder(
                        key=f"appointment_upcoming:{user_id}:{appointment.pk}:bench",
                        kind="appointment_upcoming",
                        user_id=user_id,
                        target_id=appointment.pk,
                        due_at=now,
                        next_attempt_at=now,
                        context={"on": appointment.on.isoformat(), "days_before": 7},
                    )
                )
    Reminder.objects.bulk_create(reminders, batch_size=2000)
    return len(reminders)


def production_env() -> dict[str, str]:
    """The worker runs as in production (DEBUG off: no query log, compiled templates cached)."""
    from django.conf import settings

    return {
        "DEBUG": "False",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
    }


@contextlib.contextmanager
def sink_for_benchmark():
    from tests.support.smtp_sink import PostfixSink, SmtpSink

    if SINK == "aiosmtpd":
        with SmtpSink() as sink:
            yield sink
        return
    binary = ROOT / "var" / "tools" / "postfix" / "usr" / "sbin" / "smtp-sink"
    if not binary.exists():
        subprocess.run([ROOT / "scripts" / "ensure-smtp-sink"], cwd=ROOT, check=True)  # noqa: S603
    shm = Path("/dev/shm")  # noqa: S108  (a private temporary folder inside it, in memory: files are cheap there)
    with (
        tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as folder,
        PostfixSink(binary, Path(folder)) as sink,
    ):
        yield sink


def main() -> int:
    from bestuurderspool.notifications.models import Reminder
    from bestuurderspool.notifications.tasks import send_due_reminders
    from tests.support.processes import CeleryWorker, RedisServer, publish_to, wait_until
    from tests.support.smtp_sink import free_port

    assert connection.vendor == "postgresql", "the benchmark runs on PostgreSQL"
    started = time.perf_counter()
    total = populate()
    print(f"setup: {total} due reminders in {time.perf_counter() - started:.1f} s")
    redis = RedisServer(free_port()).start()
    log = ROOT / "var" / "bench-worker.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    try:
        with sink_for_benchmark() as sink:
            publish_to(redis.url)
            worker = CeleryWorker(
                redis_url=redis.url, smtp_port=sink.port, log=log, concurrency=PROCESSES, extra_env=production_env()
            )
            worker.start()
            try:
                started = time.perf_counter()
                send_due_reminders()
                queued = time.perf_counter() - started
                wait_until(lambda: sink.total >= total, timeout=120, every=0.2, what="the queue to drain")
                drained = time.perf_counter() - started
                wait_until(lambda: Reminder.objects.filter(status="sent").count() == total, timeout=60)
                time.sleep(2)  # anything sent twice would arrive now
            finally:
                worker.stop()
            received = sink.received
            duplicates = sum(count - 1 for count in received.values() if count > 1)
            missing = total - len(received)
    finally:
        redis.stop()
    print(f"claim + queue {total} in {queued:.2f} s; drained in {drained:.1f} s: {total / drained:.0f} reminders/s")
    print(f"kind: {KIND}; sink: {SINK}; worker processes: {PROCESSES}; duplicates: {duplicates}; missing: {missing}")
    ok = duplicates == 0 and missing == 0 and total / drained >= 500
    print("OK" if ok else "BELOW TARGET (500/s, zero duplicates, zero missing)")
    return 0 if duplicates == 0 and missing == 0 else 1


if __name__ == "__main__":
    config = setup_databases(verbosity=0, interactive=False)
    try:
        code = main()
    finally:
        connection.close()
        teardown_databases(config, verbosity=0)
    sys.exit(code)
