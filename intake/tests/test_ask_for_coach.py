"""A wethouder with a place in the BLOT only asks for a personal coach from their home page,
after a confirmation step: the intake is a draft again for the coach's steps the BLOT skipped,
and once submitted it joins the coordinators' work as a fresh submission."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from intake import selectors, services
from intake.enums import IntakeState, Offer
from intake.models import Intake
from intake.tests.factories import BlotOnlyIntakeFactory, SubmittedIntakeFactory, complete_answers
from tracks.enums import ApplicationState
from tracks.models import Application
from tracks.services import apply_for_track
from tracks.tests.factories import TrackFactory

CONFIRMED = {"confirmed": "yes"}


@pytest.fixture
def blot_only(wethouder):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 10, tzinfo=datetime.UTC)):
        return BlotOnlyIntakeFactory(wethouder=wethouder)


def url(intake):
    return f"/intake/{intake.pk}/coach-vragen/"


# --- The service -------------------------------------------------------------------------------


def test_asking_for_a_coach_opens_the_coach_steps_and_tells_nobody_yet(
    blot_only, wethouder, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_for_coach(blot_only, by=wethouder)
    blot_only.refresh_from_db()
    assert (blot_only.state, blot_only.offer, blot_only.submitted_at, blot_only.consent_given_at) == (
        IntakeState.DRAFT,
        Offer.BOTH,
        None,
        None,
    )
    assert [(t.from_state, t.to_state, t.by) for t in blot_only.transitions.all()] == [
        ("blot_only", "draft", wethouder)
    ]
    assert mail.outbox == []
    assert list(selectors.worklist()) == []


def test_the_coach_steps_are_required_before_it_is_submitted_again(blot_only, wethouder):
    services.ask_for_coach(blot_only, by=wethouder)
    with pytest.raises(ValidationError) as refused:
        services.submit_intake(blot_only, consent=True, by=wethouder)
    missing = refused.value.params["missing"]
    assert (set(missing[2]), set(missing[5])) == ({"themes", "question"}, {"availability", "meeting_places"})


def test_submitted_again_it_is_a_fresh_submission_for_the_coordinators(
    blot_only, wethouder, coordinator, django_capture_on_commit_callbacks
):
    track = TrackFactory(learning_manager=coordinator)
    application = apply_for_track(track, wethouder=wethouder, municipality=blot_only.municipality)
    services.ask_for_coach(blot_only, by=wethouder)
    answers = {
        key: value
        for key, value in complete_answers().items()
        if key in ("themes", "question", "availability", "meeting_places")
    }
    Intake.objects.filter(pk=blot_only.pk).update(**answers, last_completed_step=5)
    moment = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.submit_intake(Intake.objects.get(pk=blot_only.pk), consent=True, by=wethouder)
    blot_only.refresh_from_db()
    assert (blot_only.state, blot_only.offer, blot_only.submitted_at) == (IntakeState.SUBMITTED, Offer.BOTH, moment)
    # Mailed as a submission is: each coordinator, and the wethouder with the coach's next steps.
    assert [m.to for m in mail.outbox] == [[coordinator.email], [wethouder.email]]
    assert mail.outbox[0].subject == "[Bestuurderspool] Nieuwe intake uit Utrecht"
    assert list(selectors.worklist()) == [blot_only]
    assert list(Application.objects.filter(wethouder=wethouder).values_list("pk", flat=True)) == [application.pk]


def test_the_place_on_the_waiting_list_stays(blot_only, wethouder):
    application = apply_for_track(TrackFactory(), wethouder=wethouder, municipality=blot_only.municipality)
    services.ask_for_coach(blot_only, by=wethouder)
    assert list(Application.objects.filter(wethouder=wethouder).values_list("pk", "state")) == [
        (application.pk, ApplicationState.WAITING)
    ]


@pytest.mark.parametrize(
    "state", [IntakeState.DRAFT, IntakeState.SUBMITTED, IntakeState.READY_FOR_MATCHING, IntakeState.WITHDRAWN]
)
def test_asking_for_a_coach_is_refused_outside_the_blot_only_state(wethouder, state):
    intake = SubmittedIntakeFactory(wethouder=wethouder, state=state, offer=Offer.COACH)
    with pytest.raises(ValidationError):
        services.ask_for_coach(intake, by=wethouder)
    intake.refresh_from_db()
    assert (intake.state, intake.offer, intake.transitions.count()) == (state, Offer.COACH, 0)


@pytest.mark.parametrize("persona", ["other_wethouder", "coordinator", "coach"])
def test_only_the_wethouder_asks_in_the_service(request, db, blot_only, persona):
    with pytest.raises(ValidationError):
        services.ask_for_coach(blot_only, by=request.getfixturevalue(persona))
    blot_only.refresh_from_db()
    assert (blot_only.state, blot_only.offer) == (IntakeState.BLOT_ONLY, Offer.BLOT)


# --- The view ----------------------------------------------------------------------------------


def test_the_first_post_only_shows_what_will_happen(client, blot_only, wethouder):
    client.force_login(wethouder)
    response = client.post(url(blot_only))
    assert response.templates[0].name == "confirm.html"
    page = response.content.decode()
    assert "Vragen om een persoonlijke coach?" in page
    assert "Nog niemand: de coördinatoren krijgen een e-mail, en u een bevestiging, als u indient." in page
    blot_only.refresh_from_db()
    assert blot_only.state == IntakeState.BLOT_ONLY


def test_confirming_asks_for_the_coach_and_opens_the_coaching_question(client, blot_only, wethouder):
    client.force_login(wethouder)
    response = client.post(url(blot_only), CONFIRMED, follow=True)
    assert response.redirect_chain == [(f"/intake/{blot_only.pk}/stap/2/", 302)]
    assert "Beantwoord de vragen voor uw coach" in response.content.decode()
    blot_only.refresh_from_db()
    assert (blot_only.state, blot_only.offer) == (IntakeState.DRAFT, Offer.BOTH)


def test_the_home_offers_the_button_only_to_a_blot_only_intake(client, wethouder, other_wethouder, blot_only):
    SubmittedIntakeFactory(wethouder=other_wethouder)
    client.force_login(other_wethouder)
    assert "coach-vragen" not in client.get("/").content.decode()
    client.force_login(wethouder)
    assert url(blot_only) in client.get("/").content.decode()


def test_a_get_changes_nothing(client, blot_only, wethouder):
    client.force_login(wethouder)
    assert client.get(url(blot_only)).status_code == 405
    blot_only.refresh_from_db()
    assert blot_only.state == IntakeState.BLOT_ONLY


# --- Permissions: every role, and someone else's intake ------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_wethouder", 404), ("coach", 404), ("sponsor", 404), ("coordinator", 403)],
)
def test_nobody_else_asks_for_the_wethouders_coach(request, db, client, blot_only, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(blot_only), CONFIRMED).status_code == status
    blot_only.refresh_from_db()
    assert (blot_only.state, blot_only.offer) == (IntakeState.BLOT_ONLY, Offer.BLOT)
    assert mail.outbox == []


def test_a_superuser_cannot_ask_for_the_wethouder(client, blot_only):
    client.force_login(with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True)))
    assert client.post(url(blot_only), CONFIRMED).status_code == 403
    blot_only.refresh_from_db()
    assert blot_only.state == IntakeState.BLOT_ONLY


def test_anonymous_is_sent_to_the_login(client, blot_only):
    response = client.post(url(blot_only), CONFIRMED)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    blot_only.refresh_from_db()
    assert blot_only.state == IntakeState.BLOT_ONLY


@pytest.mark.parametrize("state", [IntakeState.SUBMITTED, IntakeState.WITHDRAWN, IntakeState.DRAFT])
def test_the_own_intake_in_another_state_is_refused_without_change(client, wethouder, state):
    intake = SubmittedIntakeFactory(wethouder=wethouder, state=state)
    client.force_login(wethouder)
    assert client.post(url(intake), CONFIRMED).status_code == 403
    intake.refresh_from_db()
    assert intake.state == state


def test_an_unknown_intake_is_not_found(client, wethouder):
    client.force_login(wethouder)
    assert client.post("/intake/999999/coach-vragen/", CONFIRMED).status_code == 404
