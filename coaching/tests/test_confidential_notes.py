"""The core promise: private notes are the writing coach's alone; summaries and observation
reports reach the wethouder; coordinators see that a session took place, never what was said.
Checked through every page, in a database dump, in mails and task arguments."""

import datetime
import io
import shutil

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.models import AppointmentReport
from coaching.services import trajectories as services
from coaching.services.moves import decline_move
from coaching.tests.factories import propose_move_of, trajectory_between
from tests.support.pgtools import dump_text

PG_DUMP = shutil.which("pg_dump")
PRIVATE = "Twijfelt aan de steun van haar fractievoorzitter"
SUMMARY = "We oefenden het interruptiedebat in de raad"
OBSERVED = "Sterke opening, maar liet zich bij de motie van de oppositie overrompelen"
FEEDBACK = "Neem een pauze voordat u antwoordt"


@pytest.fixture
def logged(coach, wethouder, django_capture_on_commit_callbacks):
    trajectory = trajectory_between(coach, wethouder, observation_settings=("council",))
    session = trajectory.appointments.filter(kind="session").first()
    observation = trajectory.appointments.get(kind="observation")
    moment = datetime.datetime.combine(observation.on, datetime.time(22), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.log_session(
            session,
            held_at=moment - datetime.timedelta(days=1),
            minutes=75,
            mode="in_person",
            themes=["council"],
            private_notes=PRIVATE,
            shared_summary=SUMMARY,
            by=coach,
        )
        services.log_observation(
            observation,
            held_at=moment - datetime.timedelta(hours=3),
            minutes=180,
            observed=OBSERVED,
            feedback=FEEDBACK,
            by=coach,
        )
    return trajectory, session, observation


def pages(trajectory, session, observation):
    return [
        reverse("coaching:trajectory_detail", args=[trajectory.pk]),
        reverse("coaching:appointment_detail", args=[session.pk]),
        reverse("coaching:appointment_detail", args=[observation.pk]),
    ]


def test_the_coach_reads_everything_they_wrote(logged, coach, client_for):
    client = client_for(coach)
    detail = client.get(pages(*logged)[0]).content.decode()
    assert all(text in detail for text in (PRIVATE, SUMMARY, OBSERVED, FEEDBACK))
    session_page = client.get(pages(*logged)[1])
    assert session_page.context["log_form"].initial["private_notes"] == PRIVATE


def test_the_wethouder_reads_the_summary_and_the_report_but_not_the_private_notes(logged, wethouder, client_for):
    client = client_for(wethouder)
    for url in pages(*logged):
        response = client.get(url)
        assert response.status_code == 200
        assert PRIVATE not in response.content.decode()
    detail = client.get(pages(*logged)[0]).content.decode()
    assert all(text in detail for text in (SUMMARY, OBSERVED, FEEDBACK))


def test_coordinators_and_superusers_see_that_sessions_took_place_and_read_none_of_it(logged, coordinator, client_for):
    superuser = with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))
    for user in (coordinator, superuser):
        client = client_for(user)
        detail = client.get(pages(*logged)[0])
        assert detail.status_code == 200
        assert [e.appointment.held_minutes for e in detail.context["page"].timeline if e.appointment.is_held] == [
            75,
            180,
        ]
        for url in pages(*logged):
            body = client.get(url).content.decode()
            assert all(text not in body for text in (PRIVATE, SUMMARY, OBSERVED, FEEDBACK)), url


def test_other_coaches_and_wethouders_get_404_and_write_nothing(logged, other_coach, other_wethouder, client_for):
    _trajectory, session, _observation = logged
    for user in (other_coach, other_wethouder):
        client = client_for(user)
        for url in pages(*logged):
            assert client.get(url).status_code == 404
        response = client.post(
            reverse("coaching:log_appointment", args=[session.pk]),
            {"held_at": "2026-03-16T10:00", "minutes": 1, "mode": "online", "private_notes": "overschreven"},
        )
        assert response.status_code == 404
    assert AppointmentReport.objects.get(appointment=session).private_notes == PRIVATE


def test_the_wethouder_cannot_log_or_overwrite_a_session(logged, wethouder, client_for):
    _trajectory, session, _observation = logged
    response = client_for(wethouder).post(
        reverse("coaching:log_appointment", args=[session.pk]),
        {"held_at": "2026-03-16T10:00", "minutes": 1, "mode": "online", "private_notes": "overschreven"},
    )
    assert response.status_code == 403
    assert AppointmentReport.objects.get(appointment=session).private_notes == PRIVATE


def test_no_confidential_text_in_mails(logged):
    assert mail.outbox, "logging the observation mails the wethouder"
    for message in mail.outbox:
        everything = message.subject + message.body + "".join(str(a[0]) for a in message.alternatives)
        assert all(text not in everything for text in (PRIVATE, SUMMARY, OBSERVED, FEEDBACK))


def test_the_database_holds_only_ciphertext(logged):
    with connection.cursor() as cursor:
        cursor.execute("SELECT private_notes, shared_summary, observed, feedback FROM coaching_appointmentreport")
        stored = [value for row in cursor.fetchall() for value in row if value]
    assert len(stored) == 4
    assert all(value.startswith("gAAAA") for value in stored)
    assert not any(text in value for value in stored for text in (PRIVATE, SUMMARY, OBSERVED, FEEDBACK))


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_does_not_contain_the_plain_text(coach, wethouder):
    trajectory = trajectory_between(coach, wethouder)
    session = trajectory.appointments.filter(kind="session").first()
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC), tick=False):
        services.log_session(
            session,
            held_at=datetime.datetime(2026, 3, 16, 10, tzinfo=datetime.UTC),
            minutes=60,
            mode="online",
            themes=[],
            private_notes=PRIVATE,
            shared_summary=SUMMARY,
            by=coach,
        )
    dump = dump_text()
    assert "coaching_appointmentreport" in dump
    assert trajectory.wethouder.email in dump  # the dump is real and complete
    assert PRIVATE not in dump
    assert SUMMARY not in dump


#: One unique text per confidential column outside the trajectory reports.
CANARIES = {
    "question": "kanarie-vraag-7f3a Ik wil leren omgaan met de oppositie",
    "local_party": "kanarie-partij-91bc Lokaal Belang",
    "earlier_roles": "kanarie-rollen-2d8e fractievoorzitter",
    "conversation_notes": "kanarie-gesprek-5a1f spanningen met de burgemeester",
    "adjustment_reason": "kanarie-bijstelling-c4d2 besproken in het intakegesprek",
    "adjustment_value": "kanarie-waarde-0e9b",
    "override_reason": "kanarie-keuze-6b7c kent de wethouder al",
    "decline_reason": "kanarie-afwijzing-8f2d te druk",
    "event_note": "kanarie-gebeurtenis-3c5e",
    "end_reason": "kanarie-einde-4e6a ziek",
    "change_reason": "kanarie-verzet-1a2b begrafenis",
    "move_reason": "kanarie-verzetvoorstel-4f7e raadsvergadering",
    "move_answer": "kanarie-verzetantwoord-8a1c vakantie",
}


def plant_canaries(coach, wethouder, coordinator):
    """Every confidential column outside the reports, written with a unique text; returns the
    calendar feed token (also a canary)."""
    from coaching.models import Match, MatchEvent
    from intake.models import IntakeConversation, WishAdjustment
    from intake.tests.factories import SubmittedIntakeFactory

    intake = SubmittedIntakeFactory(
        wethouder=UserFactory(role="wethouder"),
        party=None,
        question=CANARIES["question"],
        local_party=CANARIES["local_party"],
        earlier_roles=CANARIES["earlier_roles"],
        wish_political="other_party",
        hardest_role="symbolic",
        partner_frameworks="unsure",
    )
    now = timezone.now()
    IntakeConversation.objects.create(
        intake=intake, planned_at=now, mode="video", planned_by=coordinator, notes=CANARIES["conversation_notes"]
    )
    WishAdjustment.objects.create(
        intake=intake,
        field="themes",
        old_value=["council"],
        new_value=[CANARIES["adjustment_value"]],
        reason=CANARIES["adjustment_reason"],
        made_by=coordinator,
        made_at=now,
    )
    trajectory = trajectory_between(coach, wethouder)
    Match.objects.filter(pk=trajectory.match_id).update(override_reason=CANARIES["override_reason"])
    Match.objects.filter(pk=trajectory.match_id).update(decline_reason=CANARIES["decline_reason"])
    MatchEvent.objects.create(
        match=trajectory.match, action="chosen", by=coordinator, at=now, note=CANARIES["event_note"]
    )
    with time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False):
        ahead = trajectory.appointments.filter(kind="session", on__gt=datetime.date(2026, 5, 4)).order_by("on")
        proposal = propose_move_of(ahead.first(), reason=CANARIES["move_reason"])
        decline_move(proposal, note=CANARIES["move_answer"], by=coach)
    session = trajectory.appointments.filter(kind="session").last()
    services.cancel_appointment(session, reason=CANARIES["change_reason"], by=coach)
    services.end_trajectory(trajectory, outcome="stopped", reason=CANARIES["end_reason"], by=coach)
    return services.renew_calendar_feed(coach).token


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_holds_no_confidential_answer_reason_or_feed_address(coach, wethouder, coordinator, client):
    token = plant_canaries(coach, wethouder, coordinator)
    dump = dump_text()
    assert wethouder.email in dump  # the dump is real and complete
    assert [name for name, text in CANARIES.items() if text.split()[0] in dump] == []
    assert "other_party" not in dump
    with connection.cursor() as cursor:
        cursor.execute("SELECT hardest_role, partner_frameworks FROM intake_intake WHERE hardest_role <> ''")
        assert all(value.startswith("gAAAA") for value in cursor.fetchone())
    assert token not in dump
    assert client.get(f"/agenda/{token}.ics").status_code == 200  # the address still works


def test_rotating_the_key_re_encrypts_every_text_and_the_old_key_can_go(logged):
    _trajectory, session, observation = logged
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT private_notes FROM coaching_appointmentreport WHERE appointment_id = %s", [session.pk])
        token_before = cursor.fetchone()[0]
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        output = io.StringIO()
        call_command("rotate_encryption_keys", stdout=output)
    assert "coaching.AppointmentReport: 2 rows re-encrypted" in output.getvalue()
    for label in ("intake.Intake", "intake.IntakeConversation", "intake.WishAdjustment", "coaching.Match"):
        assert f"{label}: " in output.getvalue()
    for label in (
        "coaching.MatchEvent",
        "coaching.Trajectory",
        "coaching.AppointmentChange",
        "coaching.AppointmentMoveProposal",
        "coaching.CalendarFeed",
    ):
        assert f"{label}: " in output.getvalue()
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        assert AppointmentReport.objects.get(appointment=session).private_notes == PRIVATE
        assert AppointmentReport.objects.get(appointment=observation).observed == OBSERVED
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT private_notes FROM coaching_appointmentreport WHERE appointment_id = %s", [session.pk]
            )
            assert cursor.fetchone()[0] != token_before
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]), pytest.raises(ImproperlyConfigured):
        AppointmentReport.objects.get(appointment=session)  # the old key alone no longer reads it


@pytest.mark.django_db(transaction=True)
def test_the_migrations_encrypt_existing_rows_and_their_reverse_decrypts(coach, wethouder, coordinator, client):
    from django.db.migrations.executor import MigrationExecutor

    token = plant_canaries(coach, wethouder, coordinator)

    def stored(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)

    # Back to before the encryption and forward to every app's newest migration again (going back
    # in intake and coaching also takes back what later apps built on them).
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate([("intake", "0003_phone_format"), ("coaching", "0005_matching_weights_validators")])
    question = "SELECT question FROM intake_intake WHERE local_party <> ''"
    assert stored(question) == CANARIES["question"]
    assert stored("SELECT note FROM coaching_matchevent WHERE note <> ''") == CANARIES["event_note"]
    assert stored("SELECT token FROM coaching_calendarfeed") == token
    migrate(latest)
    assert stored(question).startswith("gAAAA")
    assert stored("SELECT new_value FROM intake_wishadjustment").startswith("gAAAA")
    assert stored("SELECT note FROM coaching_matchevent WHERE note <> ''").startswith("gAAAA")
    from intake.models import WishAdjustment

    assert WishAdjustment.objects.get().new_value == [CANARIES["adjustment_value"]]
    assert client.get(f"/agenda/{token}.ics").status_code == 200


def test_after_a_secret_key_rotation_feed_addresses_keep_working_and_are_hashed_again(coach, client, settings):
    token = services.renew_calendar_feed(coach).token
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret-key-" + "x" * 40, [old_key]
    assert client.get(f"/agenda/{token}.ics").status_code == 200  # found under the fallback
    output = io.StringIO()
    call_command("rotate_encryption_keys", stdout=output)
    assert "coaching.CalendarFeed: 1 addresses hashed under the current SECRET_KEY" in output.getvalue()
    settings.SECRET_KEY_FALLBACKS = []
    assert client.get(f"/agenda/{token}.ics").status_code == 200
