import logging

from celery import shared_task

from . import emails
from .models import Invitation

logger = logging.getLogger(__name__)


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    """Mail the invitation link; a revoked, accepted or deleted invitation is not mailed."""
    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        logger.info("Invitation %s is gone or no longer usable; not mailed.", invitation_id)
        return
    emails.send_invitation(invitation)
