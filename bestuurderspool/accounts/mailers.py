"""Who mails an invitation, per role, and mailing it exactly once.

Coaches and coordinators get the portal's own invitation mail (`tasks.send_invitation_email`).
A sponsor's or a year programme participant's invitation names their assignment or programme
and is mailed by the group tracks, which register how to queue it again from their
`AppConfig.ready()` (this app never imports the apps above it). The beat sweep asks the
registry to queue every valid link whose mail was lost between its commit and the queue.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .models import Invitation

logger = logging.getLogger(__name__)

#: role → queue(invitation) -> bool: queues the mail again, False when there is nothing to mail.
_QUEUES: dict[str, Callable[[Invitation], bool]] = {}


def register(role: str, queue: Callable[[Invitation], bool]) -> None:
    _QUEUES[role] = queue


def queue_again(invitation: Invitation) -> bool:
    """Queue the mail of `invitation` with the task that words it for its role."""
    queue = _QUEUES.get(invitation.role)
    if queue is None:
        from .tasks import send_invitation_email

        send_invitation_email.delay(invitation.pk)
        return True
    return queue(invitation)


def mail_once(invitation_id: int, send: Callable[[Invitation], None], *, due=lambda invitation: True) -> bool:
    """Mail an invitation once: the row is locked, a link revoked, accepted, expired, already
    mailed or no longer `due` is skipped, and the mark is committed with the sending (a worker
    that dies before the commit leaves it unmarked for the sweep). Only the link is locked, not
    its account: whoever changes both locks the account first (`services._invitee`)."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",)).select_related("user").filter(pk=invitation_id).first()
        )
        if invitation is None or not invitation.is_usable or invitation.mailed_at is not None or not due(invitation):
            logger.info("Invitation %s is gone, no longer due or already mailed; not mailed.", invitation_id)
            return False
        send(invitation)
        invitation.mailed_at = timezone.now()
        invitation.save(update_fields=["mailed_at"])
        return True
