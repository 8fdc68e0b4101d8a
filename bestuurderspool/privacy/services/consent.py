"""Withdrawing consent (AVG art. 7(3)): what the wethouder consented to is the processing of
their intake for matching, and of their political wish (special-category data, art. 9) at all.
Withdrawing stops both at once: an open intake without a running trajectory is withdrawn (its
proposals and matches end), and the political wish is erased from every intake. A running
trajectory goes on (it rests on the agreement with the coach); ending it, or erasure, is asked
separately."""

from django.db import transaction

from coaching.models import Match, Trajectory
from intake.enums import IntakeState
from intake.models import Intake, WishAdjustment
from intake.services import withdraw_intake

from ..enums import AuditAction
from .audit import record

POLITICAL_WISH = {"wish_political": "", "wish_political_must": False}


def _in_matching(intake) -> bool:
    """Matching goes on: before a match, or a match made but no trajectory started yet. A matched
    intake whose trajectory runs or ended stays as it is."""
    if intake.state != IntakeState.MATCHED:
        return True
    running = Trajectory.objects.active().filter(wethouder_id=intake.wethouder_id).exists()
    return not running and Match.objects.active().filter(intake=intake).exists()


@transaction.atomic
def withdraw_consent(user) -> bool:
    """Withdraw `user`'s consent; True when an open intake was withdrawn with it."""
    intake = Intake.objects.open().filter(wethouder=user).first()
    withdrawn = intake is not None and _in_matching(intake)
    if withdrawn:
        withdraw_intake(intake, by=user)
    Intake.objects.filter(wethouder=user).update(**POLITICAL_WISH)
    WishAdjustment.objects.filter(intake__wethouder=user, field__in=list(POLITICAL_WISH)).delete()
    record(AuditAction.CONSENT_WITHDRAWN, user, by=user)
    return withdrawn
