import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import emails, mailers
from .models import Invitation

logger = logging.getLogger(__name__)


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    """Mail a coach's or coordinator's invitation link, once (`mailers.mail_once`)."""
    mailers.mail_once(invitation_id, emails.send_invitation)


@shared_task
def sweep_unmailed_invitations() -> int:
    """Periodic: links whose mail task was lost (queued right after a commit, the worker or
    Redis gone in between) are queued again after `INVITATION_REQUEUE_AFTER_SECONDS`, each by
    the task that words it for its role. Returns how many were queued."""
    before = timezone.now() - timedelta(seconds=settings.INVITATION_REQUEUE_AFTER_SECONDS)
    queued = sum(mailers.queue_again(invitation) for invitation in Invitation.objects.unmailed(before=before))
    if queued:
        logger.warning("%s invitations without a mail were queued again.", queued)
    return queued
