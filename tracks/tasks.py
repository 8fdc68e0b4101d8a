"""Thin Celery tasks of group tracks: ids in, the mail functions reload the rows (a row gone by
then is logged and sends nothing)."""

import logging

from celery import shared_task

from bestuurderspool.accounts import mailers

from . import emails
from .models import Application, Assignment, Track, TrackSession

logger = logging.getLogger(__name__)


@shared_task
def send_cohort_invitations(track_id: int, application_ids: list[int]) -> None:
    if not Track.objects.filter(pk=track_id).exists():
        logger.info("Track %s is gone; no invitations.", track_id)
        return
    emails.send_cohort_invitations(track_id, application_ids)


@shared_task
def send_session_invitations(session_id: int) -> None:
    if not TrackSession.objects.filter(pk=session_id).exists():
        logger.info("Track session %s is gone; no invitations.", session_id)
        return
    emails.send_session_invitations(session_id)


@shared_task
def send_sponsor_appointed(assignment_id: int) -> None:
    if not Assignment.objects.filter(pk=assignment_id, sponsor__isnull=False).exists():
        logger.info("Assignment %s is gone or has no sponsor; no mail.", assignment_id)
        return
    emails.send_sponsor_appointed(assignment_id)


@shared_task
def send_sponsor_invitation(assignment_id: int, invitation_id: int) -> None:
    """The link for a new sponsor, once; not sent when the link was replaced, used or has
    expired, or when someone else has become the assignment's sponsor in the meantime."""
    mailers.mail_once(
        invitation_id,
        lambda invitation: emails.send_sponsor_invitation(assignment_id, invitation.pk),
        due=lambda invitation: Assignment.objects.filter(pk=assignment_id, sponsor_id=invitation.user_id).exists(),
    )


@shared_task
def send_participant_invitation(application_id: int, invitation_id: int) -> None:
    """The link for a new participant of a year programme, once; not sent when the link was
    replaced, used or has expired, or when they no longer take part."""
    mailers.mail_once(
        invitation_id,
        lambda invitation: emails.send_participant_invitation(application_id, invitation.pk),
        due=lambda invitation: Application.objects.filter(pk=application_id, wethouder_id=invitation.user_id).exists(),
    )
