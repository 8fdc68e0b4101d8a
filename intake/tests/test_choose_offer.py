"""The wethouder chooses a personal coach, a place in the BLOT, or both. The BLOT alone skips the
coach's steps, is submitted outside the coach matching and puts the wethouder on the waiting
list of the next BLOT."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.exports import Period, intake_rows
from coaching.selectors.matching import ready_intakes
from cockpit.selectors.dashboard import pipeline_counts
from intake import selectors, services
from intake.enums import IntakeState, Offer
from intake.models import Intake
from intake.steps import missing_answers
from intake.tests.factories import BlotOnlyIntakeFactory, CompleteIntakeFactory, IntakeFactory, ReadyIntakeFactory
from tracks.enums import ApplicationState
from tracks.models import Application
from tracks.tests.factories import TrackFactory

ABOUT = {
    "municipality": "Den Haag",
    "portfolio": "Financiën",
    "local_party": "Hart voor Den Haag",
    "installed_on": "2026-05-01",
    "first_term": "True",
}


def step_url(intake, step):
    return f"/intake/{intake.pk}/stap/{step}/"


def blot_draft(wethouder, **answers):
    return CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BLOT, **answers)


# --- The choice in the form ------------------------------------------------------------------


def test_step_one_asks_the_choice_as_radio_buttons_in_dutch(client, wethouder):
    intake = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    page = client.get(step_url(intake, 1)).content.decode()
    assert page.count('type="radio" class="form-check-input"  name="offer"') == 3
    for label in ("Een persoonlijke coach", "Een plaats in de BLOT", "Allebei"):
        assert label in page


def test_going_on_without_a_choice_gives_a_dutch_error_and_keeps_what_was_typed(client, wethouder):
    intake = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(step_url(intake, 1), {**ABOUT, "next": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["offer"] == [
        "Kies wat u wilt: een persoonlijke coach, een plaats in de BLOT, of allebei."
    ]
    assert 'value="Financiën"' in response.content.decode()
    intake.refresh_from_db()
    assert (intake.offer, intake.portfolio) == ("", "")


def test_saving_to_continue_later_keeps_a_draft_without_the_choice(client, wethouder):
    intake = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(step_url(intake, 1), {**ABOUT, "stop": ""})
    assert response["Location"] == "/"
    intake.refresh_from_db()
    assert (intake.offer, intake.portfolio) == ("", "Financiën")
    assert missing_answers(intake)[1] == ["offer"]


def test_an_unknown_choice_is_refused_on_the_field(client, wethouder):
    intake = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(step_url(intake, 1), {**ABOUT, "offer": "everything", "next": ""})
    assert "offer" in response.context["form"].errors
    intake.refresh_from_db()
    assert intake.offer == ""


# --- The skipped steps -----------------------------------------------------------------------


@pytest.mark.parametrize(("offer", "next_step"), [("coach", 2), ("both", 2), ("blot", 6)])
def test_after_step_one_the_blot_alone_goes_straight_to_the_check(client, wethouder, offer, next_step):
    intake = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(step_url(intake, 1), {**ABOUT, "offer": offer, "next": ""})
    assert response["Location"] == step_url(intake, next_step)
    intake.refresh_from_db()
    assert intake.offer == offer


@pytest.mark.parametrize("step", [2, 3, 4, 5])
def test_a_coach_step_of_a_blot_only_draft_leads_to_the_check(client, wethouder, step):
    intake = blot_draft(wethouder)
    client.force_login(wethouder)
    assert client.get(step_url(intake, step))["Location"] == step_url(intake, 6)


def test_the_check_page_of_the_blot_alone_shows_two_steps_and_no_coach_answers(client, wethouder):
    intake = blot_draft(wethouder)
    client.force_login(wethouder)
    response = client.get(step_url(intake, 6))
    assert [step.number for step in response.context["steps"]] == [1, 6]
    assert [section["number"] for section in response.context["sections"]] == [1]
    page = response.content.decode()
    assert "Stap 2 van 2" in page
    assert "de vragen over een persoonlijke coach zijn overgeslagen" in page
    assert f'href="/intake/{intake.pk}/stap/1/"' in page


def test_the_blot_alone_needs_none_of_the_coach_answers(wethouder):
    intake = blot_draft(wethouder, themes=[], question="", availability=[], meeting_places=[])
    assert missing_answers(intake, consent_given=True) == {}
    intake.offer = Offer.BOTH
    assert missing_answers(intake, consent_given=True) == {
        2: ["themes", "question"],
        5: ["availability", "meeting_places"],
    }


# --- The state after submitting ----------------------------------------------------------------


def test_submitting_the_blot_alone_gives_its_own_state_and_keeps_no_coach_answers(
    client, wethouder, coordinator, django_capture_on_commit_callbacks
):
    intake = blot_draft(wethouder, wish_political="same_party", wants_observation=True, preferred_sessions=6)
    client.force_login(wethouder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(intake, 6), {"consent": "on"})
    assert response["Location"] == "/"
    intake.refresh_from_db()
    assert (intake.state, intake.offer) == (IntakeState.BLOT_ONLY, Offer.BLOT)
    assert intake.consent_given_at == intake.submitted_at
    assert (intake.themes, intake.question, intake.wish_political, intake.wants_observation) == ([], "", "", False)
    assert (intake.availability, intake.preferred_sessions, intake.municipality.name) == ([], None, "Utrecht")
    assert [(t.from_state, t.to_state, t.by) for t in intake.transitions.all()] == [("draft", "blot_only", wethouder)]
    # No coordinator is asked to plan an intake conversation; the wethouder is told what follows.
    assert [m.to for m in mail.outbox] == [[wethouder.email]]
    assert "Er wordt geen intakegesprek gepland" in mail.outbox[0].body


@pytest.mark.parametrize("offer", [Offer.COACH, Offer.BOTH])
def test_submitting_with_a_coach_goes_to_the_coordinators_as_before(wethouder, offer):
    intake = CompleteIntakeFactory(wethouder=wethouder, offer=offer)
    services.submit_intake(intake, consent=True, by=wethouder)
    intake.refresh_from_db()
    assert (intake.state, intake.themes) == (IntakeState.SUBMITTED, ["personal_leadership", "field_of_forces"])


def test_a_blot_only_intake_is_open_so_no_second_intake_can_be_started(wethouder):
    BlotOnlyIntakeFactory(wethouder=wethouder)
    with pytest.raises(services.ValidationError):
        services.start_intake(wethouder)


# --- Not in the coordinators' matching work --------------------------------------------------


def test_a_blot_only_intake_is_in_none_of_the_matching_lists(client, coordinator):
    blot = BlotOnlyIntakeFactory(wethouder=UserFactory(role="wethouder"))
    # Even in a state of the coach process (as data from before could be), the BLOT alone stays out.
    blot_ready = ReadyIntakeFactory(wethouder=UserFactory(role="wethouder"), offer=Offer.BLOT)
    ready = ReadyIntakeFactory(wethouder=UserFactory(role="wethouder"), offer=Offer.BOTH)
    assert list(Intake.objects.wants_coach().filter(pk__in=[blot.pk, blot_ready.pk, ready.pk])) == [ready]
    assert list(ready_intakes()) == [ready]
    assert list(selectors.worklist()) == [ready]
    assert list(selectors.worklist(state=IntakeState.READY_FOR_MATCHING)) == [ready]
    assert selectors.state_counts() == {"ready_for_matching": 1}
    assert dict(pipeline_counts())[IntakeState.READY_FOR_MATCHING] == 1
    assert IntakeState.BLOT_ONLY not in dict(pipeline_counts())
    assert [row[0] for row in intake_rows(Period(datetime.date(2026, 1, 1), datetime.date(2030, 1, 1)))] == [ready.pk]
    client.force_login(coordinator)
    assert list(client.get("/intake/werklijst/").context["page"]) == [ready]
    assert client.get("/intake/werklijst/?state=blot_only").context["form"].errors["state"]


# --- On the waiting list -----------------------------------------------------------------------


def test_submitting_the_blot_alone_puts_the_wethouder_on_the_waiting_list(client, wethouder):
    track = TrackFactory()
    intake = blot_draft(wethouder)
    services.submit_intake(intake, consent=True, by=wethouder)
    (application,) = Application.objects.filter(wethouder=wethouder)
    assert (application.track, application.state, application.municipality.name) == (
        track,
        ApplicationState.WAITING,
        "Utrecht",
    )
    client.force_login(wethouder)
    response = client.get("/")
    assert response.context["progress"].stage == "blot_only"
    page = response.content.decode()
    assert f"U staat op de wachtlijst van {track.name} (nummer 1)." in page
    assert f'action="/intake/{intake.pk}/coach-vragen/"' in page


def test_the_intake_page_of_the_blot_alone_offers_no_mirror_and_no_coach_answers(client, wethouder):
    intake = BlotOnlyIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.get(f"/intake/{intake.pk}/")
    assert [section["number"] for section in response.context["sections"]] == [1]
    page = response.content.decode()
    assert "Alleen een plaats in de BLOT" in page
    assert 'data-testid="intake-mirror-card"' not in page


def test_the_home_of_a_blot_only_intake_without_an_open_blot_says_so(client, wethouder):
    BlotOnlyIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    page = client.get("/").content.decode()
    assert "Er neemt op dit moment geen BLOT aanmeldingen aan." in page


def test_a_coach_alone_does_not_put_the_wethouder_on_the_waiting_list(wethouder):
    TrackFactory()
    services.submit_intake(CompleteIntakeFactory(wethouder=wethouder, offer=Offer.COACH), consent=True, by=wethouder)
    assert not Application.objects.filter(wethouder=wethouder).exists()


# --- The data migration ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_the_blot_box_to_the_choice_and_back(wethouder, other_wethouder):
    also, coach_only = CompleteIntakeFactory(wethouder=wethouder), CompleteIntakeFactory(wethouder=other_wethouder)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([("intake", "0006_wants_group_track")])
    old = MigrationExecutor(connection).loader.project_state([("intake", "0006_wants_group_track")]).apps
    old.get_model("intake", "Intake").objects.filter(pk=also.pk).update(wants_group_track=True)
    MigrationExecutor(connection).migrate(latest)
    assert dict(Intake.objects.values_list("pk", "offer")) == {also.pk: "both", coach_only.pk: "coach"}
    Intake.objects.filter(pk=coach_only.pk).update(offer=Offer.BLOT)
    executor = MigrationExecutor(connection)
    executor.migrate([("intake", "0007_intake_offer")])
    old = executor.loader.project_state([("intake", "0007_intake_offer")]).apps
    rows = old.get_model("intake", "Intake").objects.values_list("pk", "wants_group_track")
    assert dict(rows) == {also.pk: True, coach_only.pk: True}
    MigrationExecutor(connection).migrate(latest)
