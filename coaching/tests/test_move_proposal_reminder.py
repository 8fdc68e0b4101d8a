"""A wethouder's proposal to move an appointment that the coach has not answered two working days
after it was made reminds the coach once, by mail and on their notification list; an answer, a
withdrawal or another change to the appointment before then sends nothing."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation

from bestuurderspool.notifications import services as reminders
from bestuurderspool.notifications.enums import ReminderKind, ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.tasks import send_due_reminders
from coaching.services import moves
from coaching.services import trajectories as trajectory_services
from coaching.tests.factories import propose_move_of, trajectory_between

UTC = datetime.UTC
#: Thursday 7 May 2026, 14:00 in Amsterdam (summer time).
PROPOSED_AT = datetime.datetime(2026, 5, 7, 12, tzinfo=UTC)
#: Two working days later, the same time of day: Monday 11 May (not Saturday, 48 hours later).
DUE = datetime.datetime(2026, 5, 11, 12, tzinfo=UTC)
#: The proposed date: the day after the reminder, so the proposal is nearly pointless by then.
PROPOSED_DATE = datetime.date(2026, 5, 12)
REASON = "Vertrouwelijk: mijn dochter wordt geopereerd"
SUBJECT = "[Bestuurderspool] Een voorstel om een afspraak te verzetten wacht op uw antwoord"


def at(moment):
    return time_machine.travel(moment, tick=False)


def run_beat(capture):
    with capture(execute=True):
        send_due_reminders()


def move_reminder_mails():
    return [m for m in mail.outbox if m.extra_headers["X-Bestuurderspool-Reminder"].startswith("move_proposal_waiting")]


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder)


@pytest.fixture
def session(trajectory):
    return trajectory.appointments.filter(kind="session", on__gt=DUE.date()).order_by("on").first()


@pytest.fixture
def proposal(session):
    with at(PROPOSED_AT):
        return propose_move_of(session, on=PROPOSED_DATE, start_time=datetime.time(15), reason=REASON)


def test_it_is_planned_once_for_two_working_days_after_the_proposal(proposal, coach):
    with at(PROPOSED_AT + datetime.timedelta(hours=48)):  # Saturday: not yet in the planning window
        reminders.plan_reminders(PROPOSED_AT + datetime.timedelta(hours=48))
    assert Reminder.objects.filter(kind=ReminderKind.MOVE_PROPOSAL_WAITING).exists() is False
    for moment in (DUE - datetime.timedelta(hours=20), DUE, DUE + datetime.timedelta(days=1)):
        with at(moment):
            reminders.plan_reminders(moment)
    planned = Reminder.objects.get(kind=ReminderKind.MOVE_PROPOSAL_WAITING)
    assert (planned.user, planned.target_id, planned.due_at, planned.status) == (
        coach,
        proposal.pk,
        DUE,
        ReminderStatus.PENDING,
    )
    assert planned.key == f"move_proposal_waiting:{coach.pk}:{proposal.pk}:{DUE.timestamp():.0f}"


def test_the_coach_is_reminded_exactly_once_even_as_the_proposed_date_comes_near(
    proposal, coach, django_capture_on_commit_callbacks
):
    with at(DUE - datetime.timedelta(seconds=1)):
        run_beat(django_capture_on_commit_callbacks)
    assert move_reminder_mails() == []
    # The due moment, later that day, the morning before the proposed date and the day itself.
    for moment in (DUE, DUE + datetime.timedelta(hours=3), datetime.datetime(2026, 5, 12, 7, tzinfo=UTC)):
        with at(moment):
            run_beat(django_capture_on_commit_callbacks)
    assert [(m.to, m.subject) for m in move_reminder_mails()] == [([coach.email], SUBJECT)]
    sent = Reminder.objects.get(kind=ReminderKind.MOVE_PROPOSAL_WAITING)
    assert (sent.status, sent.target_id) == (ReminderStatus.SENT, proposal.pk)


def test_the_mail_names_the_appointment_and_the_proposed_date_in_dutch_and_never_the_reason(
    proposal, session, coach, django_capture_on_commit_callbacks
):
    with at(DUE):
        run_beat(django_capture_on_commit_callbacks)
    [message] = move_reminder_mails()
    with translation.override("nl"):
        current, proposed = date_filter(session.on, "l j F Y"), date_filter(PROPOSED_DATE, "l j F Y")
    assert proposed == "dinsdag 12 mei 2026"
    text = " ".join(message.body.split())
    assert (
        f"Uw wethouder stelt voor een afspraak (Coachgesprek, {current}) te verzetten naar {proposed} "
        "en wacht op uw antwoord." in text
    )
    link = "http://testserver" + reverse("coaching:appointment_detail", args=[session.pk])
    html = message.alternatives[0][0]
    assert link in text
    assert f'href="{link}"' in html
    assert "Vertrouwelijk" not in message.body + html
    assert "geopereerd" not in message.body + html
    assert message.to == [coach.email]


def _agree(proposal):
    moves.agree_to_move(proposal, by=proposal.appointment.trajectory.coach)


def _decline(proposal):
    moves.decline_move(proposal, note="Past niet", by=proposal.appointment.trajectory.coach)


def _withdraw(proposal):
    moves.withdraw_move(proposal, by=proposal.appointment.trajectory.wethouder)


def _moved_otherwise(proposal):
    trajectory_services.reschedule_appointment(
        proposal.appointment,
        on=proposal.appointment.on + datetime.timedelta(days=1),
        start_time=None,
        location="",
        reason="Ziek",
        by=proposal.appointment.trajectory.coach,
    )


def _cancelled(proposal):
    trajectory_services.cancel_appointment(
        proposal.appointment, reason="Ziek", by=proposal.appointment.trajectory.coach
    )


@pytest.mark.parametrize("answer", [_agree, _decline, _withdraw, _moved_otherwise, _cancelled])
def test_a_proposal_answered_withdrawn_or_overtaken_after_planning_sends_nothing(
    proposal, answer, django_capture_on_commit_callbacks
):
    planned_at = DUE - datetime.timedelta(hours=12)
    with at(planned_at):
        reminders.plan_reminders(planned_at)
        answer(proposal)
    with at(DUE):
        run_beat(django_capture_on_commit_callbacks)
    assert move_reminder_mails() == []
    assert Reminder.objects.get(kind=ReminderKind.MOVE_PROPOSAL_WAITING).status == ReminderStatus.CANCELLED


def test_a_proposal_answered_before_planning_is_never_planned(proposal, django_capture_on_commit_callbacks):
    with at(PROPOSED_AT + datetime.timedelta(hours=1)):
        _decline(proposal)
    with at(DUE):
        run_beat(django_capture_on_commit_callbacks)
    assert move_reminder_mails() == []
    assert Reminder.objects.filter(kind=ReminderKind.MOVE_PROPOSAL_WAITING).exists() is False


def test_only_the_coach_of_the_trajectory_is_reminded_and_it_shows_on_their_list(
    proposal, coach, wethouder, other_coach, client_for, django_capture_on_commit_callbacks
):
    with at(DUE):
        run_beat(django_capture_on_commit_callbacks)
    assert [m.to for m in move_reminder_mails()] == [[coach.email]]
    assert Reminder.objects.filter(kind=ReminderKind.MOVE_PROPOSAL_WAITING).values_list("user", flat=True).get() == (
        coach.pk
    )
    listed = client_for(coach).get(reverse("notifications:list"))
    assert "Een voorstel om een afspraak te verzetten wacht op uw antwoord" in listed.content.decode()
    for someone_else in (wethouder, other_coach):
        page = client_for(someone_else).get(reverse("notifications:list")).content.decode()
        assert "Een voorstel om een afspraak te verzetten" not in page
