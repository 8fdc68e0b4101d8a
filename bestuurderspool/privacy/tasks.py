import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from . import emails
from .services import retention

logger = logging.getLogger(__name__)


@shared_task
def purge_expired_data() -> None:
    """Daily (beat): remove what passed its retention period. Safe to run twice."""
    plan = retention.purge_expired_data()
    logger.info("Retention purge: %s", "; ".join(plan.lines()))


@shared_task
def send_security_change_email(user_id: int, change: str) -> None:
    """Tell the owner that someone else changed their password or two-factor authentication."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        logger.info("User %s is gone or inactive; security change not mailed.", user_id)
        return
    emails.send_security_change(user, change=change)
