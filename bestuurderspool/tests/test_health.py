"""/health/ for load balancers and uptime monitors: each part with its state, 503 when one fails.
Failing parts are real addresses where nothing listens."""

import threading
from datetime import timedelta

import pytest
import time_machine
from celery import signals
from django.db import connection, connections
from django.test import RequestFactory
from django.utils import timezone

from bestuurderspool.notifications.tasks import send_due_reminders
from bestuurderspool.views import health
from tests.support.smtp_sink import free_port

NOBODY = free_port()  # a port where nothing listens


@pytest.fixture
def swept(db):
    """The reminder sweep ran just now (as beat has it run every minute)."""
    send_due_reminders()


def test_all_parts_ok(client, swept):
    response = client.get("/health/")
    body = response.json()
    assert response.status_code == 200
    assert {key: body[key] for key in ("status", "database", "cache", "broker", "beat")} == dict.fromkeys(
        ("status", "database", "cache", "broker", "beat"), "ok"
    )
    assert timezone.now() - timezone.datetime.fromisoformat(body["beat_last_run"]) < timedelta(seconds=5)
    assert response["Cache-Control"].startswith("max-age=0")


def test_broker_where_nothing_listens_is_an_error_and_503(client, swept, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{NOBODY}/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/health/")
    assert response.status_code == 503
    assert {key: response.json()[key] for key in ("status", "database", "cache", "broker", "beat")} == {
        "status": "error",
        "database": "ok",
        "cache": "ok",
        "broker": "error",
        "beat": "ok",
    }


@pytest.mark.django_db(transaction=True)
def test_database_where_nothing_listens_is_an_error_and_503(monkeypatch):
    send_due_reminders()
    # A new database session (this thread's) goes to a port where nothing listens.
    monkeypatch.setitem(connections.settings["default"], "PORT", str(NOBODY))
    responses = []

    def probe():
        try:
            responses.append(health(RequestFactory().get("/health/")))
        finally:
            connection.close()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join(30)
    (response,) = responses
    assert response.status_code == 503
    assert b'"database": "error"' in response.content
    assert b'"cache": "ok"' in response.content


def test_beat_that_has_not_run_for_five_minutes_is_late_and_503(client, swept):
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        response = client.get("/health/")
    assert (response.status_code, response.json()["beat"], response.json()["status"]) == (503, "late", "error")


def test_beat_that_never_ran_is_late(client, db):
    response = client.get("/health/")
    assert (response.status_code, response.json()["beat"], response.json()["beat_last_run"]) == (503, "late", None)


def test_beat_just_started_is_not_late_before_its_first_sweep_then_is(client, db):
    """A portal just started (`make run`, a deploy): beat announces its start, and its first
    sweep is a minute away. Not late until five minutes have passed without one."""
    signals.beat_init.send(sender=None)
    response = client.get("/health/")
    assert (response.status_code, response.json()["beat"], response.json()["beat_last_run"]) == (200, "ok", None)
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        response = client.get("/health/")
    assert (response.status_code, response.json()["beat"]) == (503, "late")


def test_load_balancer_asks_only_what_a_web_process_needs(client, db):
    response = client.get("/health/?checks=database,cache")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok", "cache": "ok"})


def test_health_needs_no_account_and_shows_no_data(client, coordinator, swept):
    body = client.get("/health/").json()
    assert set(body) == {"status", "database", "cache", "broker", "beat", "beat_last_run"}
