"""Each of the wethouder's own events is one notification on their list and at most one mail,
however often the service is called for it."""

import contextlib
import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from bestuurderspool.notifications.enums import ReminderKind, ReminderStatus
from bestuurderspool.notifications.models import Reminder
from coaching.services import matches as services
from coaching.services.trajectories import log_observation
from coaching.tests.factories import CoachProfileFactory, hold_session, trajectory_between
from intake.tests.factories import ReadyIntakeFactory


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service as a request would: committed, its mails sent; a refusal is swallowed
    (repeating an answered step is refused, and must not send anything either)."""

    def call(action):
        with django_capture_on_commit_callbacks(execute=True), contextlib.suppress(ValidationError):
            action()

    return call


def _mails_to(user) -> list[str]:
    return [m.subject for m in mail.outbox if m.to == [user.email]]


def _notifications(user) -> list[str]:
    return list(
        Reminder.objects.filter(user=user, status=ReminderStatus.SENT).order_by("pk").values_list("kind", flat=True)
    )


@pytest.fixture
def match(wethouder, coach, coordinator):
    CoachProfileFactory(user=coach)
    return services.approve_ranked_coach(ReadyIntakeFactory(wethouder=wethouder), coach_id=coach.pk, by=coordinator)


def _at_first_meeting(match, coach, run):
    run(lambda: services.accept_match(match, by=coach))
    at = timezone.now() + datetime.timedelta(days=1)
    run(lambda: services.plan_kennismaking(match, at=at, location="Stadhuis", by=coach))
    return at


def test_approval_is_a_notification_without_naming_or_mailing(match, wethouder):
    assert (_notifications(wethouder), _mails_to(wethouder)) == ([ReminderKind.MATCH_APPROVED], [])


def test_acceptance_is_one_notification_and_one_mail(match, wethouder, coach, run):
    for _ in range(2):
        run(lambda: services.accept_match(match, by=coach))
    assert _notifications(wethouder) == [ReminderKind.MATCH_APPROVED, ReminderKind.MATCH_ACCEPTED]
    assert _mails_to(wethouder) == ["[Bestuurderspool] Uw coach is gevonden"]


def test_the_first_meeting_once_per_moment(match, wethouder, coach, run):
    at = _at_first_meeting(match, coach, run)
    run(lambda: services.plan_kennismaking(match, at=at, location="Stadhuis", by=coach))
    assert _notifications(wethouder).count(ReminderKind.KENNISMAKING_PLANNED) == 1
    assert _mails_to(wethouder).count("[Bestuurderspool] Kennismaking gepland") == 1
    run(lambda: services.plan_kennismaking(match, at=at + datetime.timedelta(hours=2), location="Online", by=coach))
    assert _notifications(wethouder).count(ReminderKind.KENNISMAKING_PLANNED) == 2
    assert _mails_to(wethouder).count("[Bestuurderspool] Kennismaking gepland") == 2


def test_a_klik_is_one_mail_to_the_wethouder_and_one_notification(match, wethouder, coach, run):
    _at_first_meeting(match, coach, run)
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        run(lambda: services.record_klik(match, klik=True, by=coach))
        for _ in range(2):
            run(lambda: services.record_klik(match, klik=True, by=wethouder))
    assert _mails_to(wethouder) == ["[Bestuurderspool] Uw coachtraject begint"]
    assert _mails_to(coach) == ["[Bestuurderspool] Uw coachtraject begint"]
    assert _notifications(wethouder)[-1] == ReminderKind.TRAJECTORY_STARTED


def test_no_klik_tells_the_wethouder_once(match, wethouder, coach, run):
    _at_first_meeting(match, coach, run)
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        run(lambda: services.record_klik(match, klik=False, by=wethouder))
        for _ in range(2):
            run(lambda: services.record_klik(match, klik=True, by=coach))
    assert _mails_to(wethouder) == ["[Bestuurderspool] Geen klik: we zoeken een andere coach"]
    assert _notifications(wethouder).count(ReminderKind.NO_KLIK) == 1


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder, observation_settings=["council"])


def test_a_shared_summary_is_news_once_however_often_the_log_is_edited(trajectory, wethouder, run):
    session = trajectory.appointments.filter(kind="session").first()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=60)):
        run(lambda: hold_session(session, private_notes="alleen voor mij"))
        assert _notifications(wethouder) == []  # private notes only: nothing for the wethouder
        for summary in ("Eerste samenvatting", "Verbeterde samenvatting"):
            run(lambda summary=summary: hold_session(session, shared_summary=summary))
    assert _notifications(wethouder) == [ReminderKind.SUMMARY_SHARED]
    assert _mails_to(wethouder) == ["[Bestuurderspool] Uw coach heeft een samenvatting gedeeld"]
    assert "Eerste samenvatting" not in mail.outbox[-1].body  # the text stays in the portal


def test_an_observation_report_is_news_once(trajectory, wethouder, coach, run):
    observation = trajectory.appointments.get(kind="observation")
    held_at = timezone.make_aware(datetime.datetime.combine(observation.on, datetime.time(20)))
    with time_machine.travel(held_at + datetime.timedelta(days=1)):
        for text in ("U sprak helder.", "U sprak helder en rustig."):
            run(lambda text=text: log_observation(observation, held_at=held_at, minutes=120, observed=text,
                                                  feedback="", by=coach))  # fmt: skip
    assert _notifications(wethouder) == [ReminderKind.OBSERVATION_REPORTED]
    assert _mails_to(wethouder) == ["[Bestuurderspool] Uw coach heeft een observatieverslag geschreven"]


@pytest.mark.parametrize("persona", ["wethouder", "other_wethouder", "coach"])
def test_the_notification_list_shows_own_events_only(request, db, client, match, wethouder, coach, run, persona):
    run(lambda: services.accept_match(match, by=coach))
    client.force_login(request.getfixturevalue(persona))
    text = client.get("/meldingen/").content.decode()
    mine = persona == "wethouder"
    assert ("Uw coach heeft toegezegd" in text, f'href="/coaching/matches/{match.pk}/"' in text) == (mine, mine)
