"""The drill: a real Celery worker importing a large pool file is killed with SIGKILL halfway, as
an out-of-memory kill or a hard deploy would. The import is then shown and swept as interrupted
(instead of "running" forever), a coordinator starts it again, and a new worker saves the rest:
every coach exactly once, every new coach invited exactly once. A batch committed in the instant
before the kill can lose its invitations' tasks (queued right after the commit): the beat sweep
of unmailed invitations mails those, and no invitation twice."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bestuurderspool.accounts.models import Invitation, User
from bestuurderspool.accounts.tasks import sweep_unmailed_invitations
from bestuurderspool.celery import app
from coaching.models import CoachProfile, PoolImport
from coaching.services.pool_imports import sweep_pool_imports
from coaching.tests.test_import_large_pool import big_file, coach_line
from tests.support.processes import CeleryWorker, RedisServer, publish_to, reset_publisher, wait_until
from tests.support.smtp_sink import SmtpSink, free_port

pytestmark = [pytest.mark.slow, pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROWS, BATCH = 2000, 20


@pytest.fixture
def broker():
    server = RedisServer(free_port()).start()
    saved = publish_to(server.url)
    yield server
    reset_publisher()
    app.conf.update(saved)
    server.stop()


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture
def worker(broker, sink, tmp_path):
    workers = []

    def start():
        env = {"POOL_IMPORT_BATCH_ROWS": str(BATCH)}
        process = CeleryWorker(redis_url=broker.url, smtp_port=sink.port, log=tmp_path / "worker.log", extra_env=env)
        workers.append(process.start())
        return process

    yield start
    for process in workers:
        process.stop()


def waiting_tasks(broker) -> int:
    """Messages in the default queue (the invitations wait there while the only process imports)."""
    result = subprocess.run(["redis-cli", "-p", str(broker.port), "llen", "celery"], capture_output=True, text=True)  # noqa: S603, S607
    return int(result.stdout.strip() or 0)


def the_import() -> PoolImport:
    return PoolImport.objects.get()


def test_a_worker_killed_halfway_leaves_an_interrupted_import_that_a_restart_finishes(
    client, coordinator, worker, broker, sink, settings
):
    settings.POOL_IMPORT_STALE_SECONDS = 2  # this process sweeps and shows the page
    settings.INVITATION_REQUEUE_AFTER_SECONDS = 0  # and sweeps the unmailed invitations at once
    first = worker()
    client.force_login(coordinator)
    upload = SimpleUploadedFile("pool.csv", big_file(ROWS).encode(), "text/csv")
    response = client.post("/coaching/pool/import/", {"file": upload})
    wait_until(lambda: the_import().rows_done >= 4 * BATCH, timeout=180, what="four batches saved")
    # Kill in the middle of a batch, once the saved batches' invitations are in the broker (they are
    # published right after each commit; a kill in that instant would lose them: see the README).
    saved = the_import().rows_done
    wait_until(lambda: waiting_tasks(broker) >= saved, timeout=30, what="the invitations published")
    first.kill()

    pool_import = the_import()
    assert pool_import.status == "running"
    assert BATCH * 4 <= pool_import.rows_done < ROWS, "the worker should be killed halfway"
    assert pool_import.rows_done % BATCH == 0  # whole batches only: a batch commits with its counter
    assert CoachProfile.objects.count() == pool_import.created == pool_import.rows_done
    assert pool_import.content == big_file(ROWS)

    wait_until(lambda: sweep_pool_imports()["interrupted"] == 1, timeout=30, every=0.5, what="the sweep")
    page = client.get(response["Location"]).content.decode()
    assert "De import is afgebroken" in page
    assert f"{pool_import.rows_done} coaches waren al opgeslagen voordat de import stopte" in page

    worker()
    client.post(f"/coaching/pool/import/{pool_import.pk}/restart/")
    wait_until(lambda: the_import().status == "done", timeout=300, every=0.5, what="the restarted import")

    pool_import = the_import()
    assert (pool_import.created, pool_import.updated, pool_import.rows_done, pool_import.attempt) == (ROWS, 0, ROWS, 2)
    emails = sorted(coach_line(n).split(",")[0] for n in range(ROWS))
    assert sorted(User.objects.filter(role="coach").values_list("email", flat=True)) == emails
    assert CoachProfile.objects.count() == ROWS
    assert sorted(Invitation.objects.values_list("user__email", flat=True)) == emails
    # Every invitation task in the queue handled, then the beat sweep as it would run.
    wait_until(lambda: waiting_tasks(broker) == 0, timeout=180, what="the invitations sent")
    sweep_unmailed_invitations()
    wait_until(
        lambda: sink.total >= ROWS,
        timeout=180,
        what=f"every invitation mailed ({Invitation.objects.filter(mailed_at=None).count()} unmailed at the sweep)",
    )
    assert not Invitation.objects.filter(mailed_at=None).exists()
    assert sorted(sink.recipients) == emails
    assert set(sink.recipients.values()) == {1}
    assert f"Geïmporteerd: {ROWS} nieuw, 0 bijgewerkt." in client.get(response["Location"]).content.decode()
