import logging

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task
def send_due_reminders() -> int | None:
    """Periodic (every minute): plan what is due, claim it, and queue the deliveries after
    commit, in batches. Only ids travel through the broker. None: another sweep was running."""
    result = services.sweep(timezone.now(), hand_out=deliver_reminders.delay)
    return None if result is None else len(result[1])


@shared_task
def deliver_reminders(ids: list[int]) -> dict[str, int]:
    """Send a batch of claimed reminders; safe to run twice (rows are locked and re-checked)."""
    counts = services.deliver(ids)
    logger.info("Reminders delivered: %s", counts)
    return counts
