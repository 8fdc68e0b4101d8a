"""Withdrawing consent (AVG art. 7(3)): what the wethouder consented to is the processing of
their intake for matching, and of their political wish (special-category data, art. 9) at all.
Withdrawing stops both at once, through the steps the apps register (`registry.CONSENT_STEPS`):
an open intake without a running trajectory is withdrawn (its proposals and matches end), and
the political wish is erased from every intake. A running trajectory goes on (it rests on the
agreement with the coach); ending it, or erasure, is asked separately."""

from django.db import transaction

from ..enums import AuditAction
from ..registry import CONSENT_STEPS
from .audit import record


@transaction.atomic
def withdraw_consent(user) -> bool:
    """Withdraw `user`'s consent; True when an open intake was withdrawn with it. Every step
    runs, in its order."""
    withdrawn = False
    for step in CONSENT_STEPS:
        withdrawn = step.withdraw(user) or withdrawn
    record(AuditAction.CONSENT_WITHDRAWN, user, by=user)
    return withdrawn
