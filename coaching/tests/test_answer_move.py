"""The coach answers the wethouder's proposal to move an appointment: agreeing moves it (through
the same date rules as a direct move), declining (after a confirmation step, with an optional
note) leaves it where it was. The coach finds open proposals on the appointment and at home."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.enums import MoveProposalStatus
from coaching.models import AppointmentMoveProposal
from coaching.services import moves as services
from coaching.tests.factories import MOVE_DAY, CoachProfileFactory, propose_move_of, trajectory_between
from councils.models import Recess

NEW_DAY = datetime.date(2026, 6, 10)


@pytest.fixture
def proposal(session, today):
    return propose_move_of(
        session, on=NEW_DAY, start_time=datetime.time(15, 30), location="Stadhuis", reason="Begrotingsraad"
    )


def _agree(client, proposal):
    return client.post(reverse("coaching:agree_move", args=[proposal.pk]))


def _decline(client, proposal, note="", confirmed=False):
    data = {"decline-note": note, **({"confirmed": "yes"} if confirmed else {})}
    return client.post(reverse("coaching:decline_move", args=[proposal.pk]), data)


# --- Agree ---------------------------------------------------------------------------------------


def test_the_coach_agrees_and_the_appointment_moves_with_the_reason_in_its_history(
    proposal, session, coach, wethouder, client_for, today, django_capture_on_commit_callbacks
):
    old_on = session.on
    with django_capture_on_commit_callbacks(execute=True):
        response = _agree(client_for(coach), proposal)
    assert response.status_code == 302
    assert response["Location"] == reverse("coaching:appointment_detail", args=[session.pk])
    session.refresh_from_db()
    assert (session.on, session.start_time, session.location) == (NEW_DAY, datetime.time(15, 30), "Stadhuis")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answered_by) == (MoveProposalStatus.AGREED, coach)
    assert proposal.answered_at == MOVE_DAY
    assert list(session.changes.values_list("action", "from_date", "to_date", "reason", "by")) == [
        ("rescheduled", old_on, NEW_DAY, "Begrotingsraad", coach.pk)
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coach.email, wethouder.email])
    for message in mail.outbox:
        assert message.subject.endswith("Een afspraak is verzet zoals voorgesteld")
        assert "10 juni 2026" in message.body
        assert "Begrotingsraad" not in message.body
        assert [a[0] for a in message.attachments] == ["afspraak.ics"]


def test_agreeing_to_a_date_that_has_passed_is_refused_with_a_message(
    proposal, session, coach, client_for, django_capture_on_commit_callbacks
):
    old_on = session.on
    with time_machine.travel(datetime.datetime(2026, 6, 11, 9, tzinfo=datetime.UTC), tick=False):
        response = client_for(coach).post(reverse("coaching:agree_move", args=[proposal.pk]), follow=True)
    assert response.status_code == 200
    assert "De voorgestelde datum is voorbij" in response.content.decode()
    session.refresh_from_db()
    proposal.refresh_from_db()
    assert (session.on, proposal.status) == (old_on, MoveProposalStatus.OPEN)


def test_agreeing_goes_through_the_date_rules_of_a_direct_move(trajectory, coach, wethouder, today):
    """A recess added after the proposal: agreeing is refused by the same rule as a direct move."""
    from bestuurderspool.municipalities.models import Municipality

    observation = trajectory.appointments.get(kind="observation")
    proposal = propose_move_of(observation, on=datetime.date(2026, 6, 17))
    Recess.objects.create(
        municipality=Municipality.objects.get(pk=trajectory.match.intake.municipality_id),
        starts_on=datetime.date(2026, 6, 15),
        ends_on=datetime.date(2026, 6, 19),
        name="Meireces",
    )
    with pytest.raises(ValidationError, match="reces"):
        services.agree_to_move(proposal, by=coach)
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN


def test_an_answered_proposal_cannot_be_answered_again(proposal, coach, client_for, today):
    services.agree_to_move(proposal, by=coach)
    response = client_for(coach).post(reverse("coaching:decline_move", args=[proposal.pk]), follow=True)
    assert "niet meer open" in response.content.decode()
    with pytest.raises(ValidationError, match="niet meer open"):
        services.agree_to_move(proposal, by=coach)
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.AGREED


# --- Decline ------------------------------------------------------------------------------------


def test_declining_asks_for_confirmation_first_and_then_keeps_the_appointment(
    proposal, session, coach, wethouder, client_for, today, django_capture_on_commit_callbacks
):
    old_on = session.on
    client = client_for(coach)
    first = _decline(client, proposal, note="Die week ben ik op vakantie")
    assert first.status_code == 200
    assert first.templates[0].name == "confirm.html"
    page = first.content.decode()
    assert "Het voorstel om te verzetten afwijzen?" in page
    assert "Die week ben ik op vakantie" in page
    assert 'name="decline-note" value="Die week ben ik op vakantie"' in page  # carried without JavaScript
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        second = _decline(client, proposal, note="Die week ben ik op vakantie", confirmed=True)
    assert second.status_code == 302
    proposal.refresh_from_db()
    session.refresh_from_db()
    assert (proposal.status, proposal.answer_note, proposal.answered_by) == (
        MoveProposalStatus.DECLINED,
        "Die week ben ik op vakantie",
        coach,
    )
    assert session.on == old_on
    assert [m.to for m in mail.outbox] == [[wethouder.email]]
    assert mail.outbox[0].subject.endswith("Uw coach heeft uw voorstel om te verzetten afgewezen")
    assert "vakantie" not in mail.outbox[0].body
    wethouder_page = client_for(wethouder).get(reverse("coaching:appointment_detail", args=[session.pk]))
    assert "Die week ben ik op vakantie" in wethouder_page.content.decode()


def test_declining_without_a_note(proposal, coach, client_for, today):
    assert _decline(client_for(coach), proposal, confirmed=True).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answer_note) == (MoveProposalStatus.DECLINED, "")


def test_a_note_that_is_too_long_is_refused_at_the_field_and_kept(proposal, coach, client_for, today):
    response = _decline(client_for(coach), proposal, note="x" * 300)
    assert response.status_code == 400
    form = response.context["decline_move_form"]
    assert "niet meer dan 200 tekens" in " ".join(form.errors["note"])
    assert form["note"].value() == "x" * 300
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN


# --- Where the coach finds them -----------------------------------------------------------------


def test_the_coach_sees_the_open_proposal_on_the_appointment_with_agree_and_decline(
    proposal, session, coach, client_for, today
):
    page = client_for(coach).get(reverse("coaching:appointment_detail", args=[session.pk])).content.decode()
    assert 'data-testid="open-move-proposal"' in page
    assert "Begrotingsraad" in page
    assert reverse("coaching:agree_move", args=[proposal.pk]) in page
    assert reverse("coaching:decline_move", args=[proposal.pk]) in page
    assert reverse("coaching:reschedule", args=[session.pk]) in page  # the coach still moves directly


def test_the_coach_home_lists_open_proposals_with_agree_and_decline(proposal, session, coach, client_for, today):
    response = client_for(coach).get("/")
    assert response.context["move_proposals"] == [proposal]
    page = response.content.decode()
    assert reverse("coaching:agree_move", args=[proposal.pk]) in page
    assert reverse("coaching:decline_move", args=[proposal.pk]) in page
    assert "woensdag 10 juni 2026" in page
    services.withdraw_move(proposal, by=session.trajectory.wethouder)
    assert client_for(coach).get("/").context["move_proposals"] == []


def test_declining_from_the_home_goes_through_the_confirmation(proposal, coach, client_for, today):
    response = client_for(coach).post(reverse("coaching:decline_move", args=[proposal.pk]))
    assert response.templates[0].name == "confirm.html"
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN


def test_another_coachs_home_does_not_list_it(proposal, other_coach, client_for, today):
    assert client_for(other_coach).get("/").context["move_proposals"] == []


@pytest.mark.parametrize("trajectories", [1, 4])
def test_coach_home_queries_do_not_grow_with_proposals(
    client, coach, django_assert_max_num_queries, trajectories, today
):
    CoachProfileFactory(user=coach, capacity=trajectories)
    for n in range(trajectories):
        wethouder = UserFactory(role="wethouder", email=f"w{n}@example.nl")
        trajectory = trajectory_between(coach, wethouder)
        propose_move_of(trajectory.appointments.filter(kind="session", on__gt=MOVE_DAY.date()).first())
    client.force_login(coach)
    # 10 for the coaching home (one for the proposals), 1 for the group tracks the coach leads.
    with django_assert_max_num_queries(11):
        response = client.get("/")
    assert len(response.context["move_proposals"]) == trajectories


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("wethouder", 403),
        ("coordinator", 403),
        ("other_coach", 404),
        ("other_wethouder", 404),
        ("sponsor", 404),
        (None, 302),
    ],
)
@pytest.mark.parametrize("action", ["agree_move", "decline_move"])
def test_only_the_trajectorys_coach_answers(db, request, proposal, client_for, persona, status, action, today):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(reverse(f"coaching:{action}", args=[proposal.pk]), {"confirmed": "yes"})
    assert response.status_code == status
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN


def test_the_services_refuse_anyone_but_the_coach(proposal, wethouder, coordinator, other_coach, today):
    for user in (wethouder, coordinator, other_coach):
        with pytest.raises(ValidationError, match="Alleen de coach"):
            services.agree_to_move(proposal, by=user)
        with pytest.raises(ValidationError, match="Alleen de coach"):
            services.decline_move(proposal, by=user)
    proposal.refresh_from_db()
    assert proposal.status == MoveProposalStatus.OPEN


def test_someone_elses_proposal_is_not_found(proposal, coach, other_coach, other_wethouder, client_for, today):
    theirs = trajectory_between(other_coach, other_wethouder).appointments.filter(kind="session").last()
    their_proposal = propose_move_of(theirs)
    for action in ("agree_move", "decline_move"):
        assert client_for(coach).post(reverse(f"coaching:{action}", args=[their_proposal.pk])).status_code == 404
        assert client_for(coach).post(reverse(f"coaching:{action}", args=[999_999])).status_code == 404
    their_proposal.refresh_from_db()
    assert their_proposal.status == MoveProposalStatus.OPEN
    assert AppointmentMoveProposal.objects.filter(status=MoveProposalStatus.OPEN).count() == 2


def test_the_wethouder_finds_the_answers_on_the_notification_list(proposal, session, coach, wethouder, client_for):
    from bestuurderspool.notifications.models import Reminder

    with time_machine.travel(MOVE_DAY, tick=False):
        services.agree_to_move(proposal, by=coach)
        services.decline_move(propose_move_of(session, on=datetime.date(2026, 6, 17)), note="Nee", by=coach)
    answers = Reminder.objects.filter(user=wethouder, kind__startswith="move_").order_by("kind")
    assert list(answers.values_list("kind", "target_id")) == [
        ("move_agreed", session.pk),
        ("move_declined", session.pk),
    ]
    page = client_for(wethouder).get(reverse("notifications:list")).content.decode()
    assert "Uw coach gaat akkoord met het verzetten van een afspraak" in page
    assert "Uw coach heeft uw voorstel om een afspraak te verzetten afgewezen" in page
