import logging

from celery import shared_task

from .. import emails
from ..models import Match

logger = logging.getLogger(__name__)


@shared_task
def send_match_email(match_id: int, kind: str) -> None:
    """Tell the people concerned about a step in a match (`kind` is one of emails.MATCH_MESSAGES)."""
    match = Match.objects.select_related("coach", "wethouder", "intake__municipality").filter(pk=match_id).first()
    if match is None:
        logger.info("Match %s is gone; no mail.", match_id)
        return
    emails.send_match_update(match, kind)


@shared_task
def expire_unanswered_matches() -> int:
    """Periodic: approved matches the coach did not answer in time make way for the next coach."""
    from ..services.matches import expire_unanswered_matches as expire

    return expire()
