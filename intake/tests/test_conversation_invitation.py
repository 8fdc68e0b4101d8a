"""Seed 001: "Na een zorgvuldig intakegesprek met een coach en oud-bestuurder". The wethouder
and the attendees are invited with an .ics (and again when it moves); the attending coach reads
the intake until the conversation is recorded, not after."""

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from intake import services
from intake.tests.factories import SubmittedIntakeFactory


def _plan(intake, coordinator, coach, *, days=4, location="Stadhuis, kamer 2"):
    return services.plan_intake_conversation(
        intake,
        planned_at=timezone.now() + datetime.timedelta(days=days),
        mode="elsewhere",
        location=location,
        attendees=[coordinator, coach],
        by=coordinator,
    )


@pytest.fixture
def intake(wethouder):
    return SubmittedIntakeFactory(wethouder=wethouder)


def _ics(message):
    (content,) = [a[1] for a in message.attachments if a[0].endswith(".ics")]
    return icalendar.Calendar.from_ical(content).walk("VEVENT")[0]


def test_everyone_gets_an_invitation_with_the_event(
    intake, coordinator, coach, wethouder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = _plan(intake, coordinator, coach)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([wethouder.email, coordinator.email, coach.email])
    event = _ics(mail.outbox[0])
    assert str(event["LOCATION"]) == "Stadhuis, kamer 2"
    assert event.decoded("DTSTART") == conversation.planned_at.replace(microsecond=0)
    to_coach = next(m for m in mail.outbox if m.to == [coach.email])
    assert reverse("intake:prepare_conversation", args=[intake.pk]) in to_coach.body


def test_a_move_sends_the_same_event_with_a_higher_sequence(
    intake, coordinator, coach, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True):
        _plan(intake, coordinator, coach)
    first = _ics(mail.outbox[0])
    mail.outbox.clear()
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _plan(intake, coordinator, coach, days=6, location="Online, Teams")
    moved = _ics(mail.outbox[0])
    assert str(moved["UID"]) == str(first["UID"])
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert str(moved["LOCATION"]) == "Online, Teams"


def test_the_attending_coach_reads_the_intake_until_it_is_recorded(intake, coordinator, coach, client_for):
    url = reverse("intake:prepare_conversation", args=[intake.pk])
    assert client_for(coach).get(url).status_code == 404
    _plan(intake, coordinator, coach)
    page = client_for(coach).get(url)
    assert page.status_code == 200
    assert intake.question in page.content.decode()
    services.record_intake_conversation(
        intake, held_at=timezone.now(), notes="Gesprek gevoerd", ready=False, by=coordinator
    )
    assert client_for(coach).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder", "wethouder"])
def test_nobody_else_prepares_the_conversation(intake, coordinator, coach, persona, request, client_for):
    _plan(intake, coordinator, coach)
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("intake:prepare_conversation", args=[intake.pk])
    )
    assert response.status_code in (403, 404)
    assert intake.question not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(intake, client_for):
    response = client_for(None).get(reverse("intake:prepare_conversation", args=[intake.pk]))
    assert response.status_code == 302
