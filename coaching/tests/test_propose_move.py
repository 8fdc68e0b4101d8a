"""The wethouder's wishes lead: the wethouder proposes to move an appointment (date, time, place,
reason) and the coach is asked; the wethouder no longer moves an appointment directly."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.enums import MoveProposalStatus
from coaching.models import AppointmentMoveProposal
from coaching.services import moves as services
from coaching.tests.factories import propose_move_of, trajectory_between


def _post(client, appointment, **data):
    fields = {"on": "2026-06-10", "start_time": "15:30", "location": "Stadhuis", "reason": "Begrotingsraad", **data}
    return client.post(
        reverse("coaching:propose_move", args=[appointment.pk]), {f"move-{k}": v for k, v in fields.items()}
    )


def test_the_wethouder_proposes_a_move_and_the_coach_is_mailed(
    session, coach, wethouder, client_for, today, django_capture_on_commit_callbacks
):
    planned_on = session.on
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(wethouder), session)
    assert response.status_code == 302
    assert response["Location"] == reverse("coaching:appointment_detail", args=[session.pk])
    proposal = AppointmentMoveProposal.objects.get()
    assert (proposal.on, proposal.start_time, proposal.location, proposal.reason) == (
        datetime.date(2026, 6, 10),
        datetime.time(15, 30),
        "Stadhuis",
        "Begrotingsraad",
    )
    assert (proposal.status, proposal.proposed_by, proposal.answered_at) == (MoveProposalStatus.OPEN, wethouder, None)
    session.refresh_from_db()
    assert session.on == planned_on  # nothing moves until the coach agrees
    assert [m.to for m in mail.outbox] == [[coach.email]]
    assert mail.outbox[0].subject.endswith("De wethouder stelt voor een afspraak te verzetten")
    assert "Begrotingsraad" not in mail.outbox[0].body  # the reason stays in the portal
    assert f"/coaching/afspraken/{session.pk}/" in mail.outbox[0].body


def test_the_wethouders_page_offers_a_proposal_instead_of_a_move(session, wethouder, client_for, today):
    page = client_for(wethouder).get(reverse("coaching:appointment_detail", args=[session.pk])).content.decode()
    assert "Verzetten voorstellen" in page
    assert reverse("coaching:propose_move", args=[session.pk]) in page
    assert f'action="{reverse("coaching:reschedule", args=[session.pk])}"' not in page


def test_the_open_proposal_is_shown_to_the_wethouder_with_a_withdraw_button(session, wethouder, client_for, today):
    proposal = propose_move_of(session, reason="Werkbezoek van de minister")
    page = client_for(wethouder).get(reverse("coaching:appointment_detail", args=[session.pk])).content.decode()
    assert 'data-testid="open-move-proposal"' in page
    assert "Werkbezoek van de minister" in page
    assert reverse("coaching:withdraw_move", args=[proposal.pk]) in page
    assert reverse("coaching:propose_move", args=[session.pk]) not in page  # one open proposal at a time


def test_the_wethouder_no_longer_moves_directly(session, wethouder, client_for, today):
    planned_on = session.on
    response = client_for(wethouder).post(
        reverse("coaching:reschedule", args=[session.pk]), {"on": "2026-06-10", "reason": "Raad"}
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.on == planned_on
    assert not session.changes.exists()
    from coaching.services.trajectories import reschedule_appointment

    with pytest.raises(ValidationError, match="Alleen de coach verzet een afspraak"):
        reschedule_appointment(
            session, on=datetime.date(2026, 6, 10), start_time=None, location="", reason="x", by=wethouder
        )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"on": "2026-02-20"}, "on", "vóór de klik (2 maart 2026)"),
        ({"on": "2026-05-01"}, "on", "Stel een datum vanaf vandaag voor."),
        ({"on": "10-06-2026x"}, "on", "Voer een geldige datum in."),
        ({"start_time": "25:00"}, "start_time", "Voer een geldige tijd in."),
        ({"reason": ""}, "reason", "Dit veld is verplicht."),
        ({"reason": "   "}, "reason", "Dit veld is verplicht."),
        ({"location": "x" * 300}, "location", "niet meer dan 200 tekens"),
        ({"on": "2026-06-10\x00"}, "on", "Voer een geldige datum in."),
    ],
)
def test_bad_input_is_refused_in_dutch_at_the_field_and_kept(
    session, wethouder, client_for, today, data, field, message
):
    response = _post(client_for(wethouder), session, **data)
    assert response.status_code == 400
    form = response.context["move_form"]
    assert message in " ".join(form.errors[field])
    assert form[field].value() == data[field]
    assert form["reason"].value() == data.get("reason", "Begrotingsraad")
    assert not AppointmentMoveProposal.objects.exists()


def test_a_council_observation_cannot_be_proposed_in_the_recess(trajectory, wethouder, client_for, today):
    observation = trajectory.appointments.get(kind="observation")
    response = _post(client_for(wethouder), observation, on="2026-07-14")
    assert response.status_code == 400
    assert "reces van 1 juli 2026 tot en met 31 augustus 2026" in " ".join(response.context["move_form"].errors["on"])
    assert not AppointmentMoveProposal.objects.exists()


def test_a_second_open_proposal_is_refused_above_the_form(session, wethouder, client_for, today):
    propose_move_of(session)
    response = _post(client_for(wethouder), session)
    assert response.status_code == 400
    assert "al voorgesteld" in " ".join(response.context["move_form"].non_field_errors())
    assert AppointmentMoveProposal.objects.count() == 1
    with pytest.raises(ValidationError):
        propose_move_of(session, on=datetime.date(2026, 6, 20))


def test_the_same_date_time_and_place_is_not_a_move(session, wethouder, today):
    with pytest.raises(ValidationError, match="Stel een andere datum, tijd of plaats voor"):
        propose_move_of(session, on=session.on)


def test_one_open_proposal_per_appointment_is_a_database_rule(session, wethouder, today):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    propose_move_of(session)
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentMoveProposal.objects.create(
            appointment=session, on=session.on, reason="x", proposed_by=wethouder, created_at=timezone.now()
        )


def test_a_cancelled_or_held_appointment_cannot_be_proposed_to_move(session, coach, wethouder, today):
    from coaching.services.trajectories import cancel_appointment

    cancel_appointment(session, reason="Ziek", by=coach)
    with pytest.raises(ValidationError, match="kan niet worden verzet"):
        propose_move_of(session)


def test_a_closed_trajectory_takes_no_proposal(trajectory, session, coach, client_for, wethouder, today):
    from coaching.services.trajectories import end_trajectory

    end_trajectory(trajectory, outcome="stopped", reason="Verhuisd", by=coach)
    response = _post(client_for(wethouder), session)
    assert response.status_code == 400
    assert "is beëindigd" in " ".join(response.context["move_form"].non_field_errors())


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coach", 403),
        ("coordinator", 403),
        ("other_coach", 404),
        ("other_wethouder", 404),
        ("sponsor", 404),
        (None, 302),
    ],
)
def test_only_the_trajectorys_wethouder_proposes(db, request, session, client_for, today, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    response = _post(client_for(user), session)
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith("/accounts/login/")
    assert not AppointmentMoveProposal.objects.exists()


def test_the_service_refuses_anyone_but_the_wethouder(session, coach, coordinator, other_wethouder, today):
    for user in (coach, coordinator, other_wethouder):
        with pytest.raises(ValidationError, match="Alleen de wethouder"):
            services.propose_move(
                session, on=datetime.date(2026, 6, 10), start_time=None, location="", reason="x", by=user
            )
    assert not AppointmentMoveProposal.objects.exists()


def test_someone_elses_appointment_is_not_found(session, other_wethouder, client_for, today, coach):
    theirs = trajectory_between(coach, other_wethouder).appointments.filter(kind="session").last()
    response = _post(client_for(session.trajectory.wethouder), theirs)
    assert response.status_code == 404
    assert _post(client_for(session.trajectory.wethouder), type(session)(pk=999_999)).status_code == 404
    assert not AppointmentMoveProposal.objects.exists()


def test_a_get_is_not_allowed(session, wethouder, client_for, today):
    assert client_for(wethouder).get(reverse("coaching:propose_move", args=[session.pk])).status_code == 405
