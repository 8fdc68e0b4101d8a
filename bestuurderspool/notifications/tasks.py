import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task
def send_due_reminders() -> int:
    """Periodic (every minute): plan what is due, claim it, and queue the deliveries after
    commit, in batches. Only ids travel through the broker."""
    now = timezone.now()
    services.plan_reminders(now)
    with transaction.atomic():
        ids = services.claim_due(now)
        for batch in services.batches(ids):
            transaction.on_commit(lambda batch=batch: deliver_reminders.delay(batch))
    return len(ids)


@shared_task
def deliver_reminders(ids: list[int]) -> dict[str, int]:
    """Send a batch of claimed reminders; safe to run twice (rows are locked and re-checked)."""
    counts = services.deliver(ids)
    logger.info("Reminders delivered: %s", counts)
    return counts
