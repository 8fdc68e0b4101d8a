import logging

from celery import shared_task

from . import emails
from .models import Intake, IntakeConversation

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
def send_conversation_invitation(conversation_id: int) -> None:
    """Invite the wethouder and the attendees to the intake conversation (date, place, .ics)."""
    conversation = (
        IntakeConversation.objects.select_related("intake__wethouder")
        .prefetch_related("attendees")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        logger.info("Intake conversation %s is gone; no invitation.", conversation_id)
        return
    emails.send_conversation_invitation(conversation)


@shared_task
def confirm_submitted_intake(intake_id: int) -> None:
    """Mail the wethouder that their intake arrived and what happens next."""
    intake = Intake.objects.select_related("wethouder").filter(pk=intake_id).first()
    if intake is None:
        logger.info("Intake %s is gone; no mail.", intake_id)
        return
    emails.send_intake_received(intake)
