import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import emails
from .models import Invitation

logger = logging.getLogger(__name__)


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    """Mail the invitation link once; a revoked, accepted, expired, deleted or already mailed
    invitation is not mailed. The mark is committed with the sending: a worker that dies before
    the commit leaves the link unmarked, and the sweep mails it again."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("user").filter(pk=invitation_id).first()
        if invitation is None or not invitation.is_usable or invitation.mailed_at is not None:
            logger.info("Invitation %s is gone, no longer usable or already mailed; not mailed.", invitation_id)
            return
        emails.send_invitation(invitation)
        invitation.mailed_at = timezone.now()
        invitation.save(update_fields=["mailed_at"])


@shared_task
def sweep_unmailed_invitations() -> int:
    """Periodic: links whose mail task was lost (queued right after a commit, the worker or
    Redis gone in between) are queued again after `INVITATION_REQUEUE_AFTER_SECONDS`."""
    before = timezone.now() - timedelta(seconds=settings.INVITATION_REQUEUE_AFTER_SECONDS)
    ids = list(Invitation.objects.unmailed(before=before).values_list("pk", flat=True))
    for invitation_id in ids:
        send_invitation_email.delay(invitation_id)
    if ids:
        logger.warning("%s invitations without a mail were queued again.", len(ids))
    return len(ids)
