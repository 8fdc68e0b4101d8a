"""The right to erasure: the wethouder asks on their account page, coordinators see the request
with its deadline and carry it out; afterwards nothing identifies the wethouder or says what was
written, while the anonymous figures the dashboard counts remain."""

import datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import PASSWORD, UserFactory
from bestuurderspool.notifications.models import Reminder
from coaching.models import AppointmentReport, CalendarFeed, Evaluation, Trajectory
from coaching.selectors.trajectories import evaluation_scores
from intake.enums import IntakeState
from intake.models import Intake
from intake.selectors import state_counts
from intake.tests.factories import SubmittedIntakeFactory
from tests.support.pgtools import dump_text

from ..enums import ErasureState
from ..models import AuditEvent, ErasureRequest
from ..services.erasure import carry_out_erasure, request_erasure
from .history import CANARIES, full_history

pytestmark = pytest.mark.django_db
CONFIRM = {"erasure-confirm": "on"}
REQUEST_URL = reverse("privacy:erasure_request")
LIST_URL = reverse("privacy:erasure_list")


def carry_out_url(erasure):
    return reverse("privacy:erasure_carry_out", args=[erasure.pk])


def test_the_wethouder_asks_and_the_deadline_is_a_month_later(client_for, wethouder):
    with time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC)):
        response = client_for(wethouder).post(REQUEST_URL, CONFIRM)
    assert response["Location"] == reverse("privacy:account")
    erasure = ErasureRequest.objects.get()
    assert (erasure.user, erasure.state, erasure.due_on) == (wethouder, "requested", datetime.date(2026, 7, 10))
    page = client_for(wethouder).get(reverse("privacy:account"))
    assert "10 juli 2026" in page.content.decode()


def test_asking_twice_keeps_one_request(client_for, wethouder):
    client = client_for(wethouder)
    client.post(REQUEST_URL, CONFIRM)
    client.post(REQUEST_URL, CONFIRM)
    assert ErasureRequest.objects.count() == 1


def test_without_the_tick_nothing_happens_and_the_wethouder_is_told(client_for, wethouder):
    response = client_for(wethouder).post(REQUEST_URL, {}, follow=True)
    assert ErasureRequest.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == ["Vink het vakje aan om te bevestigen."]


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_only_a_wethouder_asks(request, client_for, persona):
    assert client_for(request.getfixturevalue(persona)).post(REQUEST_URL, CONFIRM).status_code == 403
    assert ErasureRequest.objects.count() == 0


@pytest.mark.parametrize("n", [1, 30])
def test_coordinators_see_the_requests_with_their_deadline(client_for, coordinator, django_assert_max_num_queries, n):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        overdue = request_erasure(UserFactory())
    for _ in range(n - 1):
        request_erasure(UserFactory())
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL)
    assert next(iter(response.context["page"])) == overdue
    assert len(response.context["page"]) == n
    assert "te laat" in response.content.decode()


@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_the_list_and_carrying_out_are_refused_to_others(request, client_for, persona, other_wethouder):
    erasure = request_erasure(other_wethouder)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(LIST_URL).status_code == 403
    assert client.post(carry_out_url(erasure), {"confirm": "on"}).status_code == 403
    erasure.refresh_from_db()
    assert erasure.state == ErasureState.REQUESTED
    assert get_user_model().objects.get(pk=other_wethouder.pk).email == other_wethouder.email


def test_an_unknown_request_is_404(client_for, coordinator):
    assert client_for(coordinator).post("/mijn-account/verwijderverzoeken/999999/uitvoeren/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, wethouder):
    erasure = request_erasure(wethouder)
    for response in (client.get(LIST_URL), client.post(carry_out_url(erasure), {"confirm": "on"})):
        assert response["Location"].startswith(reverse("account_login"))


def test_it_waits_while_a_trajectory_is_active(client_for, coach, wethouder, coordinator):
    history = full_history(coach, wethouder, coordinator, ended=False)
    erasure = request_erasure(wethouder)
    response = client_for(coordinator).post(carry_out_url(erasure), {"confirm": "on"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Deze wethouder heeft nog een lopende match of traject: beëindig dat eerst en voer dan de verwijdering uit."
    ]
    erasure.refresh_from_db()
    assert erasure.state == ErasureState.REQUESTED
    assert AppointmentReport.objects.filter(appointment_id=history.session_id).exists()


def test_an_open_intake_is_withdrawn_and_emptied(coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, question=CANARIES["question"])
    carry_out_erasure(request_erasure(wethouder), by=coordinator)
    intake.refresh_from_db()
    assert (intake.state, intake.question, intake.municipality) == (IntakeState.WITHDRAWN, "", None)


def test_carrying_it_out_leaves_nothing_personal_and_keeps_the_figures(client_for, coach, wethouder, coordinator):
    history = full_history(coach, wethouder, coordinator)
    scores_before, counts_before = evaluation_scores(), state_counts()
    erasure = request_erasure(wethouder)
    response = client_for(coordinator).post(carry_out_url(erasure), {"confirm": "on"})
    assert response["Location"] == LIST_URL

    erasure.refresh_from_db()
    assert (erasure.state, erasure.carried_out_by) == (ErasureState.CARRIED_OUT, coordinator)
    person = get_user_model().objects.get(pk=wethouder.pk)
    assert (person.email, person.first_name, person.last_name) == (f"erased-{wethouder.pk}@invalid", "", "")
    assert (person.is_active, person.has_usable_password()) == (False, False)
    assert not client_for(None).login(email=wethouder.email, password=PASSWORD)
    for model in (AppointmentReport, CalendarFeed, Reminder, Authenticator):
        assert not model.objects.filter(**_owned_by(model, wethouder)).exists(), model
    # The figures: states, dates, scales.
    assert evaluation_scores() == scores_before
    assert state_counts() == counts_before
    trajectory = Trajectory.objects.get(pk=history.trajectory.pk)
    assert (trajectory.state, trajectory.klik_on) == ("stopped", history.trajectory.klik_on)
    assert list(Evaluation.objects.values_list("usefulness", "klik", "change", "what_changed")) == [(4, 5, 3, "")]
    assert Intake.objects.get(wethouder=wethouder).question == ""
    assert list(AuditEvent.objects.filter(person=wethouder).order_by("pk").values_list("action", flat=True)) == [
        "erasure_requested",
        "erased",
    ]


def _owned_by(model, user) -> dict:
    if model is AppointmentReport:
        return {"appointment__trajectory__wethouder": user}
    return {"user": user}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_after_erasure_holds_none_of_the_canaries(coach, wethouder, coordinator):
    full_history(coach, wethouder, coordinator)
    LogEntry.objects.create(
        user=coordinator, content_type=ContentType.objects.get_for_model(wethouder), object_id=str(wethouder.pk),
        object_repr=str(wethouder), action_flag=CHANGE, change_message="Changed first_name.",
    )  # fmt: skip
    identity = [wethouder.email, wethouder.first_name, wethouder.last_name]
    before = dump_text()
    assert [text for text in identity if text not in before] == []
    assert CANARIES["question"] not in before  # encrypted at rest from the start
    carry_out_erasure(request_erasure(wethouder), by=coordinator)
    after = dump_text()
    assert coach.email in after  # the dump is real and complete
    assert [name for name, text in CANARIES.items() if text in after] == []
    assert [text for text in identity if text in after] == []
