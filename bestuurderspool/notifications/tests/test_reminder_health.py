"""The reminders' health for operators: on the coordinators' home and a superuser page."""

from datetime import timedelta

import pytest
import time_machine
from celery import signals
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.notifications.enums import ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.tasks import send_due_reminders
from bestuurderspool.notifications.tests.factories import due_reminders

PAGE = "/meldingen/status/"


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_staff=True, is_superuser=True, email="beheer@example.nl"))


def reminders_in_each_state(coordinator, rows: int) -> None:
    """`rows` reminders in each state the page counts, plus some it must not count."""
    due_reminders(coordinator, rows * 6)
    now = timezone.now()
    ids = list(Reminder.objects.order_by("pk").values_list("pk", flat=True))
    groups = [ids[n * rows : (n + 1) * rows] for n in range(6)]
    Reminder.objects.filter(pk__in=groups[1]).update(status=ReminderStatus.QUEUED, queued_at=now)
    Reminder.objects.filter(pk__in=groups[2]).update(status=ReminderStatus.SENT, sent_at=now)
    Reminder.objects.filter(pk__in=groups[3]).update(status=ReminderStatus.SENT, sent_at=now - timedelta(days=1))
    Reminder.objects.filter(pk__in=groups[4]).update(status=ReminderStatus.FAILED)
    Reminder.objects.filter(pk__in=groups[5]).update(next_attempt_at=now + timedelta(hours=1))  # not due yet


def figures(response) -> dict:
    health = response.context["reminder_health"]
    return {key: health[key] for key in ("queued", "sent_today", "failed", "beat_late")}


@pytest.mark.parametrize("rows", [1, 7])
def test_superuser_page_counts_each_state_in_one_query(
    client, superuser, coordinator, rows, django_assert_max_num_queries
):
    with time_machine.travel(timezone.localtime().replace(hour=12), tick=False):
        reminders_in_each_state(coordinator, rows)
        client.force_login(superuser)
        with django_assert_max_num_queries(4):  # session, user, verified email, the figures
            response = client.get(PAGE)
    assert response.status_code == 200
    # due pending + queued wait to go out; only today's sent count
    assert figures(response) == {"queued": 2 * rows, "sent_today": rows, "failed": rows, "beat_late": True}
    assert response.context["reminder_health"]["last_sweep"] is None
    assert 'data-testid="beat-late"' in response.content.decode()


def test_after_a_sweep_beat_is_not_late_and_the_time_is_shown(client, superuser):
    send_due_reminders()
    client.force_login(superuser)
    response = client.get(PAGE)
    content = response.content.decode()
    assert response.context["reminder_health"]["beat_late"] is False
    assert 'data-testid="beat-late"' not in content
    assert timezone.localtime().strftime("%H:%M") in content


def test_five_minutes_after_the_last_sweep_the_warning_shows_in_dutch(client, superuser):
    send_due_reminders()
    client.force_login(superuser)
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        content = client.get(PAGE).content.decode()
    assert "Er zijn al meer dan 5 minuten geen herinneringen ingepland" in content


def test_right_after_beat_started_there_is_no_warning_but_when_it_started(client, superuser):
    signals.beat_init.send(sender=None)
    client.force_login(superuser)
    response = client.get(PAGE)
    content = response.content.decode()
    assert response.context["reminder_health"]["beat_late"] is False
    assert 'data-testid="beat-late"' not in content
    assert f"nog niet: beat is om {timezone.localtime().strftime('%H:%M')} gestart" in content


@pytest.mark.parametrize("rows", [1, 7])
def test_coordinator_home_shows_the_reminders_health(client, coordinator, rows, django_assert_max_num_queries):
    reminders_in_each_state(coordinator, rows)
    client.force_login(coordinator)
    with django_assert_max_num_queries(30):
        response = client.get("/")
    content = response.content.decode()
    assert 'data-testid="reminder-health"' in content
    assert f'data-testid="reminders-failed"><a href="/meldingen/mislukt/">{rows}</a>' in content
    assert response.context["failed_reminders"] == rows


@pytest.mark.parametrize("persona", ["wethouder", "coach", "coordinator"])
def test_only_superusers_see_the_status_page(client, request, db, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(PAGE)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={PAGE}")


def test_other_homes_do_not_show_the_reminders_health(client, wethouder, coach):
    for user in (wethouder, coach):
        client.force_login(user)
        assert 'data-testid="reminder-health"' not in client.get("/").content.decode()
