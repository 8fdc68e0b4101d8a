import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def import_pool_file(pool_import_id: int) -> None:
    """Import a large pool file kept as a `PoolImport` (gone → logged and skipped)."""
    from ..models import PoolImport
    from ..services.pool import run_pool_import

    if not PoolImport.objects.filter(pk=pool_import_id).exists():
        logger.info("Pool import %s is gone.", pool_import_id)
        return
    run_pool_import(pool_import_id)
