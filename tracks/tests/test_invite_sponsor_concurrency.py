"""Two coordinators appoint the same new sponsor at the same moment, each for another
participant: real concurrent transactions on PostgreSQL. The second waits for the first and
goes on with the account the first one made: one sponsor, both assignments, never a 500."""

import threading
import time

import pytest
from django.db import connection, transaction

from bestuurderspool.accounts.models import Invitation, User
from bestuurderspool.accounts.tests.factories import UserFactory
from tracks import services
from tracks.models import Assignment

pytestmark = pytest.mark.django_db(transaction=True)

NEW = {"email": "g.griffioen@almere.example.nl", "first_name": "Gert", "last_name": "Griffioen"}
#: How long the first appointment keeps its transaction open after creating the account: the
#: second one meanwhile finds no account and inserts, waiting on the first one's row.
HOLD_SECONDS = 1.5


def test_the_second_of_two_simultaneous_appointments_uses_the_account_the_first_made(participants, coordinator):
    colleague = UserFactory(role="coordinator")
    first_inserted = threading.Event()
    failures = []

    def first():
        try:
            with transaction.atomic():
                services.appoint_sponsor(participants[0], organisation="Gemeente Almere", by=coordinator, **NEW)
                first_inserted.set()
                time.sleep(HOLD_SECONDS)
        except Exception as error:  # reported by the assertion below
            failures.append(repr(error))
            first_inserted.set()
        finally:
            connection.close()

    def second():
        try:
            first_inserted.wait(timeout=30)
            services.appoint_sponsor(participants[1], organisation="Provincie Flevoland", by=colleague, **NEW)
        except Exception as error:
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    sponsor = User.objects.get(email=NEW["email"])
    assert sponsor.role == "sponsor"
    assert sorted(Assignment.objects.values_list("sponsor", "sponsor_organisation")) == [
        (sponsor.pk, "Gemeente Almere"),
        (sponsor.pk, "Provincie Flevoland"),
    ]
    assert [i.invited_by for i in Invitation.objects.pending()] == [colleague]
