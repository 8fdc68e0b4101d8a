"""A pool import whose worker is killed stays "running" no longer: without a heartbeat for
`POOL_IMPORT_STALE_SECONDS` it is shown as interrupted ("afgebroken") and swept so, and a
coordinator starts it again from the kept file; the coaches saved before are not saved twice.
The drill with a real worker killed halfway is in test_pool_import_worker_drill.py."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from bestuurderspool.accounts.models import Invitation, User
from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.models import CoachProfile, PoolImport
from coaching.services.pool import import_pool
from coaching.services.pool_imports import (
    Superseded,
    _save_batch,
    check_pool,
    queue_pool_import,
    restart_pool_import,
    run_pool_import,
    sweep_pool_imports,
)
from coaching.tests.test_import_large_pool import HEADER, big_file, coach_line

ROWS = 25


@pytest.fixture(autouse=True)
def _small_batches(settings):
    settings.POOL_IMPORT_BATCH_ROWS = 10


def killed_halfway(by, *, rows_done: int = 10, beat_ago: timedelta = timedelta(minutes=6)) -> PoolImport:
    """What a worker killed after its first batch leaves behind: that batch's coaches saved and
    counted (one transaction), the import still "running", its file kept, no more heartbeat."""
    import_pool(HEADER + "".join(coach_line(n) for n in range(rows_done)), by=by)
    return PoolImport.objects.create(
        content=big_file(ROWS),
        lines=ROWS + 1,
        by=by,
        status=PoolImport.Status.RUNNING,
        attempt=1,
        rows_done=rows_done,
        created=rows_done,
        heartbeat_at=timezone.now() - beat_ago,
    )


def status_page(client, pool_import) -> str:
    return client.get(f"/coaching/pool/import/{pool_import.pk}/").content.decode()


def restart(client, pool_import, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/coaching/pool/import/{pool_import.pk}/restart/")


# --- Stale detection --------------------------------------------------------------------------


def test_the_default_is_interrupted_after_five_minutes_without_a_heartbeat_swept_every_minute():
    assert django_settings.POOL_IMPORT_STALE_SECONDS == 300
    assert django_settings.CELERY_BEAT_SCHEDULE["sweep-pool-imports"] == {
        "task": "coaching.tasks.pool.sweep_pool_imports",
        "schedule": 60,
    }


def test_a_running_import_is_interrupted_only_after_five_minutes_without_a_heartbeat(coordinator, caplog):
    pool_import = killed_halfway(coordinator, beat_ago=timedelta(0))
    beat = pool_import.heartbeat_at
    with time_machine.travel(beat + timedelta(seconds=299), tick=False):
        assert sweep_pool_imports() == {"interrupted": 0, "resent": 0, "cleared": 0}
        pool_import.refresh_from_db()
        assert (pool_import.status, pool_import.is_interrupted, pool_import.is_finished) == ("running", False, False)
    with time_machine.travel(beat + timedelta(seconds=301), tick=False):
        assert sweep_pool_imports() == {"interrupted": 1, "resent": 0, "cleared": 0}
        pool_import.refresh_from_db()
        assert (pool_import.status, pool_import.finished_at) == ("interrupted", timezone.now())
    assert pool_import.content == big_file(ROWS)  # kept for a restart
    assert [r.getMessage() for r in caplog.records if r.name == "coaching.services.pool_imports"] == [
        f"Pool import {pool_import.pk} had no heartbeat for 300 s: interrupted."
    ]


def test_each_batch_and_the_check_beat(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        pool_import = queue_pool_import(big_file(ROWS), by=coordinator)
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        run_pool_import(pool_import.pk)
        pool_import.refresh_from_db()
        assert pool_import.heartbeat_at == timezone.now()
    assert (pool_import.status, pool_import.rows_done, pool_import.created, pool_import.attempt) == ("done", 25, 25, 1)


def test_the_page_shows_an_import_without_heartbeat_as_interrupted_before_any_sweep(
    client, coordinator, django_assert_max_num_queries
):
    pool_import = killed_halfway(coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        content = status_page(client, pool_import)
    assert "De import is afgebroken" in content
    assert "10 coaches waren al opgeslagen voordat de import stopte en staan in de pool." in content
    assert f'action="/coaching/pool/import/{pool_import.pk}/restart/"' in content
    assert "Import opnieuw starten" in content
    assert 'http-equiv="refresh"' not in content


def test_a_running_import_with_a_recent_heartbeat_keeps_refreshing_without_a_restart_button(client, coordinator):
    pool_import = killed_halfway(coordinator, beat_ago=timedelta(minutes=4))
    client.force_login(coordinator)
    content = status_page(client, pool_import)
    assert '<meta http-equiv="refresh" content="5">' in content
    assert "afgebroken" not in content
    assert "/restart/" not in content


# --- Starting again ---------------------------------------------------------------------------


def test_a_restart_carries_on_after_the_saved_batches_and_saves_nobody_twice(
    client, coordinator, django_capture_on_commit_callbacks
):
    pool_import = killed_halfway(coordinator)
    client.force_login(coordinator)
    response = restart(client, pool_import, django_capture_on_commit_callbacks)
    assert (response.status_code, response["Location"]) == (302, f"/coaching/pool/import/{pool_import.pk}/")
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.attempt, pool_import.rows_done) == ("done", 2, 25)
    assert (pool_import.created, pool_import.updated, pool_import.content) == (25, 0, "")
    emails = [coach_line(n).split(",")[0] for n in range(ROWS)]
    assert sorted(User.objects.filter(role="coach").values_list("email", flat=True)) == emails
    assert CoachProfile.objects.count() == 25
    assert sorted(Invitation.objects.values_list("user__email", flat=True)) == emails  # one invitation each
    page = client.get(response["Location"]).content.decode()
    assert "De import start opnieuw. Coaches die al zijn opgeslagen, worden niet dubbel opgeslagen." in page
    assert "Geïmporteerd: 25 nieuw, 0 bijgewerkt." in page


def test_the_same_file_imported_again_from_the_start_updates_and_never_duplicates(
    coordinator, django_capture_on_commit_callbacks
):
    """The file was no longer kept and the coordinator uploaded it again."""
    killed_halfway(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        pool_import = queue_pool_import(big_file(ROWS), by=coordinator)
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.created, pool_import.updated) == ("done", 15, 10)
    assert User.objects.filter(role="coach").count() == CoachProfile.objects.count() == 25
    assert Invitation.objects.count() == 25


def test_a_failed_import_keeps_its_file_and_starts_again(client, coordinator, django_capture_on_commit_callbacks):
    pool_import = killed_halfway(coordinator, beat_ago=timedelta(0))
    PoolImport.objects.filter(pk=pool_import.pk).update(status="failed", finished_at=timezone.now())
    client.force_login(coordinator)
    content = status_page(client, pool_import)
    assert "De import is mislukt" in content
    assert "Import opnieuw starten" in content
    restart(client, pool_import, django_capture_on_commit_callbacks)
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.created) == ("done", 25)


def test_no_restart_while_the_worker_still_beats(client, coordinator, django_capture_on_commit_callbacks):
    pool_import = killed_halfway(coordinator, beat_ago=timedelta(minutes=4))
    client.force_login(coordinator)
    response = restart(client, pool_import, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/coaching/pool/import/{pool_import.pk}/"
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.attempt, pool_import.rows_done) == ("running", 1, 10)
    assert "Deze import kan niet opnieuw worden gestart." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("status", ["done", "refused", "queued"])
def test_a_finished_or_waiting_import_is_not_started_again(coordinator, status):
    pool_import = killed_halfway(coordinator)
    PoolImport.objects.filter(pk=pool_import.pk).update(status=status)
    with pytest.raises(ValidationError) as refused:
        restart_pool_import(pool_import, by=coordinator)
    assert refused.value.messages == ["Deze import kan niet opnieuw worden gestart."]
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.attempt) == (status, 1)


def test_a_worker_given_up_on_writes_nothing_more(coordinator, django_capture_on_commit_callbacks):
    """The worker was only slow, not dead: after the restart its next batch finds another
    attempt, is rolled back and stops; the restarted attempt saves those rows."""
    pool_import = killed_halfway(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        restart_pool_import(pool_import, by=coordinator)
    next_batch = check_pool(pool_import.content)[10:20]
    with pytest.raises(Superseded):
        _save_batch(pool_import, next_batch, attempt=1)
    assert CoachProfile.objects.count() == 10
    run_pool_import(pool_import.pk)
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.attempt, pool_import.created) == ("done", 2, 25)


def test_the_sweep_sends_a_waiting_import_whose_task_was_lost_once_per_period(
    coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        pool_import = queue_pool_import(big_file(ROWS), by=coordinator)  # the task is lost (Redis restart)
    with time_machine.travel(timezone.now() + timedelta(seconds=200), tick=False):
        assert sweep_pool_imports()["resent"] == 0
    with time_machine.travel(timezone.now() + timedelta(seconds=301), tick=False):
        assert sweep_pool_imports()["resent"] == 1  # eager in tests: imported at once
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.created, pool_import.attempt) == ("done", 25, 1)


def test_a_kept_file_is_cleared_after_seven_days_and_the_coordinator_uploads_again(
    client, coordinator, django_capture_on_commit_callbacks
):
    pool_import = killed_halfway(coordinator)
    sweep_pool_imports()
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23), tick=False):
        assert sweep_pool_imports()["cleared"] == 0
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1), tick=False):
        assert sweep_pool_imports()["cleared"] == 1
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.content, pool_import.can_restart) == ("interrupted", "", False)
    client.force_login(coordinator)
    content = status_page(client, pool_import)
    assert "Het bestand wordt niet meer bewaard. Upload het opnieuw" in content
    assert 'href="/coaching/pool/import/"' in content
    assert "/restart/" not in content
    restart(client, pool_import, django_capture_on_commit_callbacks)
    pool_import.refresh_from_db()
    assert pool_import.status == "interrupted"


# --- Who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", [None, "wethouder", "coach"])
def test_only_coordinators_start_an_import_again(client, db, request, coordinator, persona):
    pool_import = killed_halfway(coordinator)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.post(f"/coaching/pool/import/{pool_import.pk}/restart/")
    if persona is None:
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")
    else:
        assert response.status_code == 403
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.attempt) == ("running", 1)


def test_another_coordinator_starts_it_again_but_an_unknown_import_is_404(
    client, coordinator, django_capture_on_commit_callbacks
):
    """The pool is the coordinators' shared work: whoever is on duty finishes the import."""
    pool_import = killed_halfway(coordinator)
    client.force_login(with_totp(UserFactory(role="coordinator", email="frank.coordinator@example.nl")))
    assert client.post(f"/coaching/pool/import/{pool_import.pk + 1}/restart/").status_code == 404
    assert client.get(f"/coaching/pool/import/{pool_import.pk}/restart/").status_code == 405
    restart(client, pool_import, django_capture_on_commit_callbacks)
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.by) == ("done", coordinator)
