"""Who locks what while an invitation is mailed or accepted: always the account before its
links, and the mail locks only its link. A coordinator re-inviting the same address while the
earlier link's mail is being sent (the account locked, then its pending links revoked) would
otherwise deadlock against the mail (the link locked, then the account): seen on PostgreSQL
when two coordinators appointed the same new sponsor at once
(`tracks/tests/test_invite_sponsor_concurrency.py`). Real transactions on PostgreSQL."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from bestuurderspool.accounts.mailers import mail_once
from bestuurderspool.accounts.models import User
from bestuurderspool.accounts.services import create_invitation

pytestmark = pytest.mark.django_db(transaction=True)


def _lock_from_another_connection(queryset) -> str:
    """Try to lock the rows of `queryset` at once from a second connection: 'free' or 'held'."""
    outcome = []

    def attempt():
        try:
            with transaction.atomic():
                list(queryset.select_for_update(nowait=True))
            outcome.append("free")
        except OperationalError:
            outcome.append("held")
        finally:
            connection.close()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join()
    return outcome[0]


def test_mailing_an_invitation_leaves_the_account_free_to_be_locked(coordinator):
    invitation = create_invitation(
        "henk@example.nl", role="coach", first_name="Henk", last_name="Bakker", by=coordinator
    )
    seen = []

    def send(mailed):
        seen.append(_lock_from_another_connection(User.objects.filter(pk=mailed.user_id)))

    assert mail_once(invitation.pk, send)
    assert seen == ["free"]
