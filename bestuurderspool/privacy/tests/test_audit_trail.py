"""The audit trail: written by the pages that show confidential records, append-only, readable
by superusers and privacy officers only, with filters."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.tests.factories import hold_session, trajectory_between
from intake.enums import IntakeState
from intake.models import IntakeConversation
from intake.tests.factories import SubmittedIntakeFactory

from ..enums import AuditAction
from ..models import AuditEvent
from ..services.audit import purge_audit_events, record
from .factories import AuditEventFactory, privacy_officer, superuser

pytestmark = pytest.mark.django_db

AUDIT_URL = reverse("privacy:audit_trail")


def events():
    return list(AuditEvent.objects.order_by("pk").values_list("actor_id", "action", "record_type", "record_id"))


def test_a_coordinator_opening_an_intake_is_recorded(client_for, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, wish_political="same_party", hardest_role="partner")
    response = client_for(coordinator).get(reverse("intake:coordinator_detail", args=[intake.pk]))
    assert response.status_code == 200
    assert events() == [(coordinator.pk, "read", "intake.intake", intake.pk)]
    assert AuditEvent.objects.get().person_id == wethouder.pk


def test_recording_the_conversation_notes_is_recorded(client_for, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, state=IntakeState.CONVERSATION_PLANNED)
    IntakeConversation.objects.create(intake=intake, planned_at=timezone.now(), mode="online", planned_by=coordinator)
    response = client_for(coordinator).post(
        reverse("intake:record_conversation", args=[intake.pk]),
        {"held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "notes": "Vertrouwelijk verslag"},
    )
    assert response.status_code == 302
    assert events() == [(coordinator.pk, "change", "intake.intake", intake.pk)]


def test_reading_and_writing_reports_is_recorded_for_coach_and_wethouder_only(
    client_for, coach, wethouder, coordinator
):
    trajectory = trajectory_between(coach, wethouder)
    session = trajectory.appointments.filter(kind="session").first()
    hold_session(session, shared_summary="Samenvatting")
    page = reverse("coaching:trajectory_detail", args=[trajectory.pk])
    client_for(coordinator).get(page)  # planning only, no confidential text: not recorded
    assert events() == []
    client_for(wethouder).get(page)
    client_for(coach).get(reverse("coaching:appointment_detail", args=[session.pk]))
    assert events() == [
        (wethouder.pk, "read", "coaching.trajectory", trajectory.pk),
        (coach.pk, "read", "coaching.appointment", session.pk),
    ]
    assert {event.person_id for event in AuditEvent.objects.all()} == {wethouder.pk}


def test_exporting_the_pool_is_recorded(client_for, coordinator):
    response = client_for(coordinator).get(reverse("coaching:pool_export"))
    assert response.status_code == 200
    assert list(AuditEvent.objects.values_list("actor_id", "action", "record_type", "record_id", "person_id")) == [
        (coordinator.pk, "export", "coaching.coachprofile", None, None)
    ]


def test_no_content_is_stored(client_for, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, question="Geheime coachvraag")
    client_for(coordinator).get(reverse("intake:coordinator_detail", args=[intake.pk]))
    stored = " ".join(str(value) for value in AuditEvent.objects.values().get().values())
    assert "Geheime" not in stored


def test_recording_costs_one_insert(coordinator, wethouder, django_assert_num_queries):
    """Its time is measured by `benchmarks/bench_audit.py`."""
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    with django_assert_num_queries(1):
        record(AuditAction.READ, intake, by=coordinator)


def test_the_model_refuses_updates_and_deletes(coordinator):
    event = AuditEventFactory(actor=coordinator)
    event.record_id = 99
    with pytest.raises(ImproperlyConfigured):
        event.save()
    with pytest.raises(ImproperlyConfigured):
        event.delete()
    with pytest.raises(ImproperlyConfigured):
        AuditEvent.objects.filter(pk=event.pk).update(record_id=99)
    with pytest.raises(ImproperlyConfigured):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().record_id != 99


@pytest.mark.parametrize(
    "statement", ["UPDATE privacy_auditevent SET record_id = 99", "DELETE FROM privacy_auditevent"]
)
def test_the_database_refuses_updates_and_deletes(coordinator, statement):
    if connection.vendor != "postgresql":
        pytest.fail("The trigger is PostgreSQL's (REQUIRE_SERVICES=1 in CI provides it).")
    AuditEventFactory(actor=coordinator)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 1


def test_the_retention_purge_alone_deletes_old_records(coordinator):
    now = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    old = AuditEventFactory(actor=coordinator, at=now - datetime.timedelta(days=800))
    new = AuditEventFactory(actor=coordinator, at=now - datetime.timedelta(days=10))
    assert purge_audit_events(now - datetime.timedelta(days=730)) == 1
    assert list(AuditEvent.objects.all()) == [new]
    assert old.pk not in AuditEvent.objects.values_list("pk", flat=True)


# --- The page --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["wethouder", "coach", "coordinator"])
def test_the_page_is_refused_to_the_roles(db, request, client_for, persona):
    AuditEventFactory()
    assert client_for(request.getfixturevalue(persona)).get(AUDIT_URL).status_code == 403


def test_a_group_member_who_is_not_staff_is_refused(client_for):
    officer = privacy_officer()
    officer.is_staff = False
    officer.save()
    assert client_for(officer).get(AUDIT_URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(AUDIT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("n", [1, 60])
def test_superusers_and_privacy_officers_read_it_in_few_queries(client_for, django_assert_max_num_queries, n):
    people = [UserFactory() for _ in range(3)]
    for index in range(n):
        AuditEventFactory(actor=people[index % 3], person=people[(index + 1) % 3])
    for reader in (superuser(), privacy_officer()):
        client = client_for(reader)
        with django_assert_max_num_queries(12):
            response = client.get(AUDIT_URL)
        assert response.status_code == 200
        assert len(response.context["page"]) == min(n, 50)
        assert response.context["page"].paginator.count == n


def test_filters_on_who_action_period_and_record(client_for, coordinator, coach):
    moment = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
    wanted = AuditEventFactory(actor=coach, action="read", record_type="coaching.trajectory", record_id=7, at=moment)
    AuditEventFactory(actor=coordinator, action="read", record_type="coaching.trajectory", record_id=7, at=moment)
    AuditEventFactory(actor=coach, action="change", record_type="coaching.trajectory", record_id=7, at=moment)
    AuditEventFactory(actor=coach, action="read", record_type="coaching.trajectory", record_id=8, at=moment)
    AuditEventFactory(
        actor=coach, action="read", record_type="coaching.trajectory", record_id=7, at=moment.replace(month=3)
    )
    query = {
        "actor": coach.email.upper(),
        "action": "read",
        "start": "2026-05-01",
        "end": "2026-06-30",
        "record_type": "coaching.trajectory",
        "record_id": "7",
    }
    response = client_for(superuser()).get(AUDIT_URL, query)
    assert list(response.context["page"]) == [wanted]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "2026-06-30", "end": "2026-06-01"}, "end", "De einddatum ligt vóór de begindatum."),
        ({"record_id": "99999999999999999999"}, "record_id", "Zorg ervoor dat deze waarde hoogstens"),
        ({"start": "2026-02-31"}, "start", "Voer een geldige datum in."),
    ],
)
def test_bad_filters_get_a_dutch_message_and_keep_what_was_typed(client_for, query, field, message):
    response = client_for(superuser()).get(AUDIT_URL, query)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert response.context["form"].data[field] == query[field]
