"""An invitation whose mail task is lost (queued right after its commit, the worker or Redis
gone in between) is mailed by the beat sweep once it is ten minutes old; a mailed, used,
replaced or expired link is not, and no link is mailed twice. (A sponsor's or participant's,
worded by the group tracks: `tracks/tests/test_lost_invitations.py`; one with no assignment or
programme to name is not mailed.)"""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from bestuurderspool.accounts.models import Invitation
from bestuurderspool.accounts.services import create_invitation, invite_user
from bestuurderspool.accounts.tasks import send_invitation_email, sweep_unmailed_invitations

pytestmark = pytest.mark.django_db

MADE = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


def _lost(email, coordinator, *, role="coach") -> Invitation:
    """An invitation committed, whose mail task never ran."""
    with time_machine.travel(MADE, tick=False):
        return create_invitation(email, role=role, first_name="Henk", last_name="Bakker", by=coordinator)


def test_a_lost_invitation_is_mailed_by_the_sweep_after_ten_minutes(coordinator):
    invitation = _lost("henk@example.nl", coordinator)
    with time_machine.travel(MADE + datetime.timedelta(minutes=9), tick=False):
        assert sweep_unmailed_invitations() == 0
    assert mail.outbox == []
    with time_machine.travel(MADE + datetime.timedelta(minutes=11), tick=False):
        assert sweep_unmailed_invitations() == 1
        assert sweep_unmailed_invitations() == 0
    (message,) = mail.outbox
    assert message.to == ["henk@example.nl"]
    invitation.refresh_from_db()
    assert invitation.mailed_at == MADE + datetime.timedelta(minutes=11)


def test_a_mailed_invitation_is_not_mailed_again(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_user("henk@example.nl", role="coach", first_name="Henk", last_name="Bakker", by=coordinator)
    assert len(mail.outbox) == 1
    send_invitation_email(invitation.pk)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        assert sweep_unmailed_invitations() == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("fate", ["accepted_at", "revoked_at", "expired", "sponsor"])
def test_links_that_are_no_longer_due_are_left_alone(coordinator, fate):
    invitation = _lost("henk@example.nl", coordinator, role="sponsor" if fate == "sponsor" else "coach")
    if fate in ("accepted_at", "revoked_at"):
        Invitation.objects.filter(pk=invitation.pk).update(**{fate: MADE})
    later = (
        invitation.expires_at + datetime.timedelta(minutes=1)
        if fate == "expired"
        else MADE + datetime.timedelta(hours=1)
    )
    with time_machine.travel(later, tick=False):
        assert sweep_unmailed_invitations() == 0
    assert mail.outbox == []


def test_the_sweep_runs_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-unmailed-invitations"]
    assert entry["task"] == sweep_unmailed_invitations.name
