"""The group tracks in the wethouder's AVG rights: the data download holds what they wrote and
shared; an erasure removes it and keeps attendance and scales for the figures."""

import json

from django.urls import reverse

from bestuurderspool.privacy.services.erasure import carry_out_erasure, request_erasure
from tracks.enums import ApplicationState
from tracks.models import Application, Evaluation, GroupEntry, ParticipantGoal

MOTIVATION = "Kanarie-motivatie voor de BLOT"
CONTACT = "Kanarie-telefoon 06-99999999"
GOAL = "Kanarie-groepsleerdoel"
COMMENT = "Kanarie-sessie-evaluatie"
ENTRY = "Kanarie-groepsafspraak"


def _history(cohort, wethouder):
    application = Application.objects.get(track=cohort, wethouder=wethouder, state=ApplicationState.PLACED)
    Application.objects.filter(pk=application.pk).update(
        motivation=MOTIVATION, shares_contact=True, contact_details=CONTACT
    )
    ParticipantGoal.objects.create(application=application, text=GOAL)
    session = cohort.sessions.first()
    Evaluation.objects.create(track=cohort, session=session, participant=wethouder, value=4, safety=5, comment=COMMENT)
    GroupEntry.objects.create(track=cohort, kind="agreement", author=wethouder, title=ENTRY, text=ENTRY)
    return application


def test_the_download_holds_what_the_wethouder_wrote_in_group_tracks(cohort, wethouder, client_for):
    _history(cohort, wethouder)
    body = client_for(wethouder).get(reverse("privacy:data_download_json")).content.decode()
    json.loads(body)
    assert [text for text in (MOTIVATION, CONTACT, GOAL, COMMENT, ENTRY) if text not in body] == []


def test_an_erasure_removes_it_and_keeps_the_scales(cohort, wethouder, coordinator):
    application = _history(cohort, wethouder)
    carry_out_erasure(request_erasure(wethouder), by=coordinator)
    application.refresh_from_db()
    assert (application.motivation, application.contact_details) == ("", "")
    assert not ParticipantGoal.objects.exists()
    assert not GroupEntry.objects.filter(author=wethouder).exists()
    assert list(Evaluation.objects.values_list("value", "safety", "comment")) == [(4, 5, "")]
