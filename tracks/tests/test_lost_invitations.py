"""A sponsor's or a new participant's invitation whose mail task was lost is mailed by the beat
sweep with its own wording (the assignment, the programme), once."""

import datetime

import time_machine
from django.core import mail

from bestuurderspool.accounts.models import Invitation
from bestuurderspool.accounts.tasks import sweep_unmailed_invitations
from tracks import services

MADE = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
LATER = MADE + datetime.timedelta(minutes=11)


def _appoint(application, coordinator):
    services.appoint_sponsor(
        application,
        email="g.griffioen@almere.example.nl",
        first_name="Gert",
        last_name="Griffioen",
        organisation="Gemeente Almere",
        by=coordinator,
    )


def test_a_lost_sponsor_invitation_is_mailed_naming_the_assignment(participants, coordinator):
    with time_machine.travel(MADE, tick=False):
        _appoint(participants[0], coordinator)
    assert mail.outbox == []  # the on-commit task never ran
    with time_machine.travel(LATER, tick=False):
        assert sweep_unmailed_invitations() == 1
        assert sweep_unmailed_invitations() == 0
    (message,) = mail.outbox
    assert message.to == ["g.griffioen@almere.example.nl"]
    assert message.subject.startswith("[Bestuurderspool] U wordt gevraagd een opdracht te sponsoren in")
    assert Invitation.objects.get().mailed_at == LATER


def test_a_lost_participant_invitation_is_mailed_naming_the_programme(programme, coordinator):
    with time_machine.travel(MADE, tick=False):
        services.add_participant(
            programme, email="s.visser@almere.example.nl", first_name="Sanne", last_name="Visser", by=coordinator
        )
    with time_machine.travel(LATER, tick=False):
        assert sweep_unmailed_invitations() == 1
        assert sweep_unmailed_invitations() == 0
    (message,) = mail.outbox
    assert message.subject == "[Bestuurderspool] U neemt deel aan Jaarprogramma Almere 2027: stel uw wachtwoord in"


def test_a_mailed_sponsor_invitation_is_not_mailed_again(participants, coordinator, django_capture_on_commit_callbacks):
    with time_machine.travel(MADE, tick=False), django_capture_on_commit_callbacks(execute=True):
        _appoint(participants[0], coordinator)
    with time_machine.travel(LATER, tick=False):
        assert sweep_unmailed_invitations() == 0
    assert len(mail.outbox) == 1
