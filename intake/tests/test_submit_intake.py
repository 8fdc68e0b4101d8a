import pytest
from django.core import mail
from django.db import transaction

from intake import services
from intake.enums import IntakeState
from intake.steps import missing_answers
from intake.tests.factories import CompleteIntakeFactory, IntakeFactory

REQUIRED = {
    "offer": {"offer": ""},
    "municipality": {"municipality": None},
    "portfolio": {"portfolio": ""},
    "party_or_local_party": {"party": None, "local_party": ""},
    "installed_on": {"installed_on": None},
    "first_term": {"first_term": None},
    "themes": {"themes": []},
    "question": {"question": ""},
    "availability": {"availability": []},
    "meeting_places": {"meeting_places": []},
    "observation_settings_if_wanted": {"wants_observation": True, "observation_settings": []},
}


@pytest.mark.parametrize("requirement", REQUIRED)
def test_submit_fails_for_each_missing_required_part(client, wethouder, requirement):
    intake = CompleteIntakeFactory(wethouder=wethouder, **REQUIRED[requirement])
    client.force_login(wethouder)
    response = client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"})
    step = next(number for number, gaps in missing_answers(intake).items() if requirement in gaps)
    assert response["Location"] == f"/intake/{intake.pk}/stap/{step}/?check=1"
    intake.refresh_from_db()
    assert (intake.state, intake.consent_given_at) == (IntakeState.DRAFT, None)


def test_submit_without_consent_is_refused_on_the_field(client, wethouder):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(f"/intake/{intake.pk}/stap/6/", {})
    assert "Zonder uw toestemming kunnen wij uw intake niet verwerken." in response.content.decode()
    intake.refresh_from_db()
    assert intake.state == IntakeState.DRAFT


def test_complete_intake_is_submitted_and_coordinators_are_mailed_once(
    client, wethouder, coordinator, django_capture_on_commit_callbacks
):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"})
    assert response["Location"] == f"/intake/{intake.pk}/"
    intake.refresh_from_db()
    assert intake.state == IntakeState.SUBMITTED
    assert intake.consent_given_at is not None
    assert len(callbacks) == 2
    assert [m.to for m in mail.outbox] == [[coordinator.email], [wethouder.email]]
    assert mail.outbox[0].subject == "[Bestuurderspool] Nieuwe intake uit Utrecht"
    assert intake.question not in mail.outbox[0].body


def test_the_wethouder_gets_one_confirmation_in_their_language(client, wethouder, django_capture_on_commit_callbacks):
    wethouder.language = "en"
    wethouder.save()
    intake = CompleteIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"})
        client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"})  # a second click, a second tab
    confirmations = [m for m in mail.outbox if m.to == [wethouder.email]]
    assert [m.subject for m in confirmations] == ["[Bestuurderspool] We have received your intake"]
    text, (html, _type) = confirmations[0].body, confirmations[0].alternatives[0]
    assert "Within five working days a coordinator contacts you" in text
    assert "http://testserver/" in text
    assert "Within five working days a coordinator contacts you" in html
    assert intake.question not in text


def test_the_confirmation_is_in_dutch_by_default(wethouder, django_capture_on_commit_callbacks):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_intake(intake, consent=True, by=wethouder)
    (confirmation,) = [m for m in mail.outbox if m.to == [wethouder.email]]
    assert confirmation.subject == "[Bestuurderspool] We hebben uw intake ontvangen"
    assert "Binnen vijf werkdagen neemt een coördinator contact met u op" in confirmation.body


def test_no_mail_when_the_submission_rolls_back(wethouder, coordinator, django_capture_on_commit_callbacks):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.submit_intake(intake, consent=True, by=wethouder)
                raise RuntimeError("something later in the same transaction failed")
        except RuntimeError:
            pass
    intake.refresh_from_db()
    assert (intake.state, callbacks, mail.outbox) == (IntakeState.DRAFT, [], [])


def test_submitted_intake_can_no_longer_be_edited(client, wethouder):
    intake = CompleteIntakeFactory(wethouder=wethouder, state=IntakeState.SUBMITTED)
    client.force_login(wethouder)
    response = client.post(f"/intake/{intake.pk}/stap/2/", {"themes": ["media"], "question": "Anders"})
    assert response.status_code == 403
    intake.refresh_from_db()
    assert intake.question == "Ik wil steviger staan in de raad."


def test_draft_without_answers_lists_every_step_with_gaps(wethouder):
    assert sorted(missing_answers(IntakeFactory(wethouder=wethouder))) == [1, 2, 5, 6]
