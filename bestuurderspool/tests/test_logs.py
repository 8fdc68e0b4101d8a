"""Structured logs: a request id shared by the request's lines and its task's, the user's id and
nothing they wrote, slow requests and queries as warnings, one JSON object a line."""

import datetime
import json
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from bestuurderspool.observability import ContextFilter
from coaching.models import AppointmentReport
from coaching.tests.factories import trajectory_between
from intake.enums import IntakeState
from intake.tests.factories import CompleteIntakeFactory

CANARY = "KANARIE-7f3a-vertrouwelijk"


def json_lines(caplog) -> list[dict]:
    """Every captured record as the production formatter writes it."""
    config = settings.LOGGING["formatters"]["json"]
    formatter = import_string(config["()"])(**{key: value for key, value in config.items() if key != "()"})
    return [json.loads(formatter.format(record)) for record in caplog.records]


@pytest.fixture
def all_logs(caplog, settings):
    """Every record at every level, with the request and user ids; every request and every
    query counted as slow, so each one writes a line that could leak something."""
    settings.SLOW_REQUEST_MS = -1
    settings.SLOW_QUERY_MS = -1
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(ContextFilter())
    return caplog


@pytest.mark.django_db(transaction=True)
def test_request_and_the_task_it_queues_log_the_same_request_id(client, wethouder, coordinator, all_logs):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"}, HTTP_X_REQUEST_ID="lb-4f1c2a9e-0001")
    intake.refresh_from_db()
    assert intake.state == IntakeState.SUBMITTED
    lines = json_lines(all_logs)
    request_line = next(line for line in lines if line["logger"] == "bestuurderspool.requests")
    task_line = next(line for line in lines if line["logger"] == "bestuurderspool.tasks")
    assert response["X-Request-ID"] == "lb-4f1c2a9e-0001"
    assert (request_line["request_id"], task_line["request_id"]) == ("lb-4f1c2a9e-0001", "lb-4f1c2a9e-0001")
    assert (request_line["route"], request_line["status"], request_line["user_id"]) == (
        "intake/<int:pk>/stap/<int:step>/",
        302,
        wethouder.pk,
    )
    assert task_line["task"] == "intake.tasks.notify_coordinators_of_submitted_intake"
    assert task_line["duration_ms"] >= 0


@pytest.mark.django_db(transaction=True)
def test_no_confidential_text_name_or_email_in_any_log_line(client, wethouder, coordinator, all_logs):
    intake = CompleteIntakeFactory(wethouder=wethouder, question=f"Mijn vraag: {CANARY}")
    client.force_login(wethouder)
    client.post(f"/intake/{intake.pk}/stap/2/", {"themes": ["media"], "question": f"Opnieuw {CANARY}"})
    client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"})
    client.force_login(coordinator)
    client.get(f"/intake/{intake.pk}/")
    lines = [json.dumps(line, ensure_ascii=False) for line in json_lines(all_logs)]
    assert any("Slow query" in line for line in lines)  # the queries that carried the canary were logged
    leaks = [line for line in lines if CANARY in line or wethouder.email in line or wethouder.last_name in line]
    assert leaks == []


@pytest.mark.django_db(transaction=True)
def test_no_session_report_text_in_any_log_line(client, coach, wethouder, all_logs):
    session = trajectory_between(coach, wethouder).appointments.filter(kind="session").first()
    held = datetime.datetime.combine(session.on, datetime.time(10), tzinfo=ZoneInfo("Europe/Amsterdam"))
    client.force_login(coach)
    with time_machine.travel(held + datetime.timedelta(hours=2), tick=False):
        response = client.post(
            reverse("coaching:log_appointment", args=[session.pk]),
            {
                "held_at": f"{held:%Y-%m-%dT%H:%M}",
                "minutes": 60,
                "mode": "online",
                "private_notes": f"Notitie {CANARY}",
                "shared_summary": f"Samenvatting {CANARY}",
            },
        )
        client.get(reverse("coaching:appointment_detail", args=[session.pk]))
    assert response.status_code == 302
    assert AppointmentReport.objects.get(appointment=session).private_notes == f"Notitie {CANARY}"
    lines = [json.dumps(line, ensure_ascii=False) for line in json_lines(all_logs)]
    assert [line for line in lines if CANARY in line or coach.email in line] == []


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [("0f8e1b2c-3d4e-4f5a-9b6c-7d8e9f0a1b2c", True), ("abc", False), ("x" * 101, False), ("id met spatie", False)],
)
def test_incoming_request_id_is_kept_only_when_it_looks_like_an_id(client, db, incoming, kept):
    response = client.get("/privacy/", HTTP_X_REQUEST_ID=incoming)
    assert (response["X-Request-ID"] == incoming) is kept
    assert len(response["X-Request-ID"]) >= 8


def test_slow_request_is_a_warning_and_a_quick_one_is_not(client, db, caplog, settings):
    caplog.set_level(logging.INFO, logger="bestuurderspool.requests")
    client.get("/privacy/")
    settings.SLOW_REQUEST_MS = -1
    client.get("/privacy/")
    levels = [(r.levelname, r.getMessage().endswith("(slow)")) for r in caplog.records if r.name.endswith("requests")]
    assert levels == [("INFO", False), ("WARNING", True)]


def test_slow_query_is_a_warning_without_its_parameters(db, wethouder, caplog, settings):
    from bestuurderspool.accounts.models import User

    settings.SLOW_QUERY_MS = -1
    User.objects.filter(email=wethouder.email).count()
    slow = [r.getMessage() for r in caplog.records if r.name == "bestuurderspool.queries"]
    assert len(slow) == 1
    assert "WHERE" in slow[0]
    assert wethouder.email not in slow[0]


def test_quick_query_is_not_logged(db, wethouder, caplog):
    from bestuurderspool.accounts.models import User

    User.objects.filter(email=wethouder.email).count()
    assert [r for r in caplog.records if r.name == "bestuurderspool.queries"] == []
