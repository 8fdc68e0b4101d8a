"""Withdrawing consent: the political wish goes at once, and an intake still being matched is
withdrawn; a running trajectory goes on."""

import pytest
from django.urls import reverse

from coaching.models import Trajectory
from intake.enums import IntakeState
from intake.models import Intake, WishAdjustment
from intake.tests.factories import SubmittedIntakeFactory

from ..models import AuditEvent
from .history import full_history

pytestmark = pytest.mark.django_db
CONFIRM = {"consent-confirm": "on"}
URL = reverse("privacy:consent_withdraw")


def test_an_intake_being_matched_is_withdrawn_and_the_political_wish_erased(client_for, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, wish_political="same_party", wish_political_must=True)
    response = client_for(wethouder).post(URL, CONFIRM, follow=True)
    intake.refresh_from_db()
    assert (intake.state, intake.wish_political, intake.wish_political_must) == (IntakeState.WITHDRAWN, "", False)
    assert [str(m) for m in response.context["messages"]] == [
        "Uw toestemming is ingetrokken: uw politieke wens is gewist en een lopende intake is ingetrokken."
    ]
    assert list(AuditEvent.objects.values_list("actor_id", "action", "person_id")) == [
        (wethouder.pk, "consent_withdrawn", wethouder.pk)
    ]


def test_a_running_trajectory_goes_on_without_the_political_wish(client_for, coach, wethouder, coordinator):
    history = full_history(coach, wethouder, coordinator, ended=False)
    client_for(wethouder).post(URL, CONFIRM)
    intake = Intake.objects.get(pk=history.trajectory.match.intake_id)
    assert (intake.state, intake.wish_political) == (IntakeState.MATCHED, "")
    assert Trajectory.objects.get(pk=history.trajectory.pk).state == "active"
    assert not WishAdjustment.objects.filter(intake=intake, field="wish_political").exists()


def test_without_the_tick_nothing_changes(client_for, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, wish_political="same_party")
    client_for(wethouder).post(URL, {})
    intake.refresh_from_db()
    assert (intake.state, intake.wish_political) == (IntakeState.SUBMITTED, "same_party")


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_other_roles_are_refused(request, client_for, persona, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, wish_political="same_party")
    assert client_for(request.getfixturevalue(persona)).post(URL, CONFIRM).status_code == 403
    intake.refresh_from_db()
    assert (intake.state, intake.wish_political) == (IntakeState.SUBMITTED, "same_party")


def test_another_wethouder_withdraws_only_their_own(client_for, wethouder, other_wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, wish_political="same_party")
    client_for(other_wethouder).post(URL, CONFIRM)
    intake.refresh_from_db()
    assert (intake.state, intake.wish_political) == (IntakeState.SUBMITTED, "same_party")


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.post(URL, CONFIRM)["Location"].startswith(reverse("account_login"))
