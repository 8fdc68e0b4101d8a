"""Large pool files in the background: queued, imported by a worker in committed batches with a
heartbeat, started again after an interruption, and swept when their worker is gone.

Why batches and not one transaction: a file of 10,000 coaches takes minutes to save, and one
transaction would hold the locks of every coach it updates (a coordinator approving a match for
one of them, or the coach signing in, would wait) and lose everything when the worker is killed.
The file is still all-or-nothing where it matters to the coordinator: every row is checked before
the first is saved. Each batch commits with `rows_done`, so a restart carries on where the last
batch ended, and every row is keyed on the coach's email, so a row saved twice is updated, never
duplicated."""

import logging
from datetime import timedelta
from itertools import batched

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import PoolImport
from .pool import ImportRefused, check_pool, save_rows

logger = logging.getLogger(__name__)


class Superseded(Exception):
    """This worker's attempt was given up on (interrupted, then started again): it stops."""


def needs_background(content: str) -> bool:
    """Files with more coaches than `POOL_IMPORT_BACKGROUND_ROWS` (500) are imported by a worker,
    with a page that shows progress; smaller ones during the request (a few seconds)."""
    return content.count("\n") - 1 > settings.POOL_IMPORT_BACKGROUND_ROWS


@transaction.atomic
def queue_pool_import(content: str, *, by) -> PoolImport:
    """Keep the file until a worker imports it; the task gets the row's id, not the content."""
    pool_import = PoolImport.objects.create(content=content, lines=content.count("\n"), by=by)
    _send_after_commit(pool_import.pk)
    return pool_import


@transaction.atomic
def restart_pool_import(pool_import: PoolImport, *, by) -> PoolImport:
    """Queue a failed or interrupted import again, from its kept file. The worker checks the file
    again and saves the rows after `rows_done`. Refused while its worker still beats (the row lock
    waits for a batch being written), or once the file is no longer kept."""
    locked = PoolImport.objects.select_for_update().get(pk=pool_import.pk)
    if not locked.can_restart:
        raise ValidationError(_("This import cannot be started again."), code="not_restartable")
    locked.status, locked.heartbeat_at, locked.finished_at = PoolImport.Status.QUEUED, timezone.now(), None
    locked.save(update_fields=["status", "heartbeat_at", "finished_at"])
    logger.info("Pool import %s started again by user %s after %s rows.", locked.pk, by.pk, locked.rows_done)
    transaction.on_commit(lambda: cache.delete(PoolImport.progress_key(locked.pk)))
    _send_after_commit(locked.pk)
    return locked


def run_pool_import(pool_import_id: int) -> None:
    """Import a queued file: check every row, then save the rows after `rows_done` in batches.
    Safe to run twice: only a queued import is claimed. The content is cleared once the file is
    imported or refused; an unexpected error marks the import failed and keeps the file."""
    attempt = _claim(pool_import_id)
    if attempt is None:
        return
    pool_import = PoolImport.objects.select_related("by").get(pk=pool_import_id)
    progress = _worker_progress(pool_import.pk, attempt)
    try:
        rows, done = check_pool(pool_import.content, progress=progress), pool_import.rows_done
        for batch in batched(rows[done:], settings.POOL_IMPORT_BATCH_ROWS):
            _save_batch(pool_import, batch, attempt=attempt)
            done += len(batch)
            progress("writing", done, len(rows))
    except Superseded:
        logger.warning("Pool import %s: attempt %s was given up on; it stops.", pool_import_id, attempt)
        return
    except ImportRefused as refused:
        errors = [{"line": e.line, "column": e.column, "message": str(e.message)} for e in refused.errors]
        _finish(pool_import_id, attempt, status=PoolImport.Status.REFUSED, errors=errors, content="")
        return
    except Exception:
        _finish(pool_import_id, attempt, status=PoolImport.Status.FAILED)
        raise
    _finish(pool_import_id, attempt, status=PoolImport.Status.DONE, content="")


def sweep_pool_imports() -> dict:
    """Periodic (beat): a running import without a heartbeat for `POOL_IMPORT_STALE_SECONDS` lost
    its worker and is marked interrupted (its file kept for a restart); a waiting one whose task
    was lost (a Redis restart) is sent again, at most once per period, and only a queued import
    is ever claimed. Kept files of imports that nobody started again are cleared after
    `POOL_IMPORT_KEEP_DAYS`."""
    now, stale = timezone.now(), PoolImport.stale_before()
    # Each UPDATE repeats the condition: a batch committing meanwhile has beaten and is left alone.
    running = PoolImport.objects.filter(status=PoolImport.Status.RUNNING, heartbeat_at__lt=stale)
    interrupted = [
        pk
        for pk in running.values_list("pk", flat=True)
        if running.filter(pk=pk).update(status=PoolImport.Status.INTERRUPTED, finished_at=now)
    ]
    for pk in interrupted:
        logger.warning("Pool import %s had no heartbeat for %s s: interrupted.", pk, settings.POOL_IMPORT_STALE_SECONDS)
    waiting = PoolImport.objects.filter(status=PoolImport.Status.QUEUED, heartbeat_at__lt=stale)
    resent = [pk for pk in waiting.values_list("pk", flat=True) if waiting.filter(pk=pk).update(heartbeat_at=now)]
    for pk in resent:
        _send(pk)
    cleared = (
        PoolImport.objects.filter(status__in=[PoolImport.Status.FAILED, PoolImport.Status.INTERRUPTED])
        .filter(finished_at__lt=now - timedelta(days=settings.POOL_IMPORT_KEEP_DAYS))
        .exclude(content="")
        .update(content="")
    )
    return {"interrupted": len(interrupted), "resent": len(resent), "cleared": cleared}


def progress_recorder(pool_import_id: int):
    """How far the check and the saving are, for the page; kept in the cache."""

    def record(phase: str, done: int, total: int) -> None:
        progress = {"phase": phase, "done": done, "total": total}
        cache.set(PoolImport.progress_key(pool_import_id), progress, timeout=3600)

    return record


# --- The worker's steps ----------------------------------------------------------------------


@transaction.atomic
def _claim(pool_import_id: int) -> int | None:
    """Queued → running with a new attempt number, or None when another worker has it."""
    pool_import = PoolImport.objects.select_for_update().filter(pk=pool_import_id, status=PoolImport.Status.QUEUED)
    pool_import = pool_import.first()
    if pool_import is None:
        return None
    pool_import.status, pool_import.heartbeat_at = PoolImport.Status.RUNNING, timezone.now()
    pool_import.attempt += 1
    pool_import.save(update_fields=["status", "heartbeat_at", "attempt"])
    return pool_import.attempt


def _worker_progress(pool_import_id: int, attempt: int):
    """Progress for the page, and a heartbeat while the rows are checked (every 100 lines)."""
    to_cache = progress_recorder(pool_import_id)

    def record(phase: str, done: int, total: int) -> None:
        if phase == "checking":
            _beat(pool_import_id, attempt)
        to_cache(phase, done, total)

    return record


def _beat(pool_import_id: int, attempt: int, **changes) -> None:
    """Touch the heartbeat (with `changes`) if this attempt still owns the import."""
    mine = PoolImport.objects.filter(pk=pool_import_id, attempt=attempt, status=PoolImport.Status.RUNNING)
    if not mine.update(heartbeat_at=timezone.now(), **changes):
        raise Superseded


@transaction.atomic
def _save_batch(pool_import: PoolImport, batch, *, attempt: int) -> None:
    """Save one batch and advance `rows_done` and the counts in the same transaction: a worker
    killed halfway leaves whole batches only, and the counter says exactly which. The first
    statement locks the import's row, so the sweep or a restart waits for the batch."""
    _beat(pool_import.pk, attempt)
    created = save_rows(batch, by=pool_import.by)
    _beat(
        pool_import.pk,
        attempt,
        rows_done=F("rows_done") + len(batch),
        created=F("created") + created,
        updated=F("updated") + len(batch) - created,
    )


def _finish(pool_import_id: int, attempt: int, **outcome) -> None:
    """Record the outcome, unless this attempt was given up on meanwhile."""
    mine = PoolImport.objects.filter(pk=pool_import_id, attempt=attempt, status=PoolImport.Status.RUNNING)
    mine.update(finished_at=timezone.now(), **outcome)


def _send_after_commit(pool_import_id: int) -> None:
    transaction.on_commit(lambda: _send(pool_import_id))


def _send(pool_import_id: int) -> None:
    from ..tasks.pool import import_pool_file

    import_pool_file.delay(pool_import_id)
