import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def import_pool_file(pool_import_id: int) -> None:
    """Import a large pool file kept as a `PoolImport` (gone → logged and skipped)."""
    from ..models import PoolImport
    from ..services.pool_imports import run_pool_import

    if not PoolImport.objects.filter(pk=pool_import_id).exists():
        logger.info("Pool import %s is gone.", pool_import_id)
        return
    run_pool_import(pool_import_id)


@shared_task
def sweep_pool_imports() -> dict:
    """Periodic: imports whose worker is gone are marked interrupted; lost tasks are sent again."""
    from ..services.pool_imports import sweep_pool_imports as sweep

    return sweep()
