import logging

from celery import shared_task

from . import emails
from .models import Intake

logger = logging.getLogger(__name__)


@shared_task
def notify_coordinators_of_submitted_intake(intake_id: int) -> None:
    """Mail every active coordinator that an intake was submitted (name and municipality only)."""
    intake = Intake.objects.select_related("wethouder", "municipality").filter(pk=intake_id).first()
    if intake is None:
        logger.info("Intake %s is gone; no mail.", intake_id)
        return
    emails.send_intake_submitted(intake)


@shared_task
def confirm_submitted_intake(intake_id: int) -> None:
    """Mail the wethouder that their intake arrived and what happens next."""
    intake = Intake.objects.select_related("wethouder").filter(pk=intake_id).first()
    if intake is None:
        logger.info("Intake %s is gone; no mail.", intake_id)
        return
    emails.send_intake_received(intake)
