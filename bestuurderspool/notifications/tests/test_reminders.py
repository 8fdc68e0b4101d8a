"""Reminders, kind by kind, and the exactly-once machinery in one process (the real worker and
Redis are in test_worker_integration.py)."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from bestuurderspool.notifications import services
from bestuurderspool.notifications.enums import ReminderKind, ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.schedule import add_working_days, morning
from bestuurderspool.notifications.tasks import send_due_reminders
from coaching.enums import MatchState
from coaching.tests.factories import MatchFactory, trajectory_between
from intake.tests.factories import SubmittedIntakeFactory
from tests.support.smtp_sink import smtp_mailers

UTC = datetime.UTC
#: An SMTP server nobody listens on: every send fails with a refused connection.
DEAD_SMTP = smtp_mailers(9, timeout=2)


def at(moment):
    return time_machine.travel(moment, tick=False)


def run_beat(capture):
    with capture(execute=True):
        return send_due_reminders()


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder)


def first_session(trajectory):
    return trajectory.appointments.filter(kind="session").order_by("on").first()


def test_nine_in_the_morning_is_nine_in_amsterdam_across_daylight_saving():
    assert morning(datetime.date(2026, 3, 28)).astimezone(UTC).hour == 8  # winter time
    assert morning(datetime.date(2026, 3, 30)).astimezone(UTC).hour == 7  # summer time
    assert morning(datetime.date(2026, 10, 26)).astimezone(UTC).hour == 8
    friday = datetime.datetime(2026, 11, 20, 15, tzinfo=UTC)
    assert add_working_days(friday, 5) == datetime.datetime(2026, 11, 27, 15, tzinfo=UTC)
    christmas_eve = datetime.datetime(2026, 12, 24, 15, tzinfo=UTC)  # Thursday; Fri 25 and Sat 26 are holidays
    assert add_working_days(christmas_eve, 2) == datetime.datetime(2026, 12, 29, 15, tzinfo=UTC)


def test_coach_and_wethouder_are_reminded_seven_days_and_one_day_before_with_the_ics(
    trajectory, coach, wethouder, django_capture_on_commit_callbacks
):
    session = first_session(trajectory)
    week_before = morning(session.on - datetime.timedelta(days=7))
    with at(week_before - datetime.timedelta(minutes=1)):
        run_beat(django_capture_on_commit_callbacks)
    assert mail.outbox == []  # not before
    with at(week_before):
        assert run_beat(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coach.email, wethouder.email])
    message = mail.outbox[0]
    assert message.subject == "[Bestuurderspool] Herinnering: een afspraak over 7 dagen"
    assert [a[0] for a in message.attachments] == ["afspraak.ics"]
    assert "text/html" in message.alternatives[0][1]
    with at(week_before + datetime.timedelta(hours=1)):
        assert run_beat(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_a_user_who_turned_a_reminder_off_gets_none_even_if_it_was_planned(
    trajectory, wethouder, django_capture_on_commit_callbacks
):
    session = first_session(trajectory)
    due = morning(session.on - datetime.timedelta(days=7))
    with at(due - datetime.timedelta(hours=12)):
        services.plan_reminders(due - datetime.timedelta(hours=12))
    services.save_reminder_settings(wethouder, turned_off=[ReminderKind.APPOINTMENT_UPCOMING], days_before=[7, 1])
    with at(due):
        run_beat(django_capture_on_commit_callbacks)
    assert wethouder.email not in [m.to[0] for m in mail.outbox]
    assert Reminder.objects.get(user=wethouder, due_at=due).status == ReminderStatus.SKIPPED


def test_required_reminders_cannot_be_turned_off(coach):
    row = services.save_reminder_settings(
        coach, turned_off=[ReminderKind.MATCH_WAITING, "session_not_logged"], days_before=[3]
    )
    assert (row.turned_off, row.days_before) == (["session_not_logged"], [3])


def test_a_moved_session_is_reminded_on_its_new_date_only(trajectory, coach, django_capture_on_commit_callbacks):
    from coaching.services.trajectories import cancel_appointment, reschedule_appointment

    session, second = trajectory.appointments.filter(kind="session").order_by("on")[:2]
    old_due = morning(session.on - datetime.timedelta(days=1))
    with at(old_due - datetime.timedelta(hours=20)):
        services.plan_reminders(old_due - datetime.timedelta(hours=20))  # planned for the old date
        reschedule_appointment(
            session, on=session.on + datetime.timedelta(days=2), start_time=None, location="", reason="x", by=coach
        )
        cancel_appointment(second, reason="Ziek", by=coach)
    with at(old_due):
        run_beat(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Reminder.objects.filter(target_id=session.pk, status="cancelled").count() == 2
    with at(morning(session.on + datetime.timedelta(days=1))):
        run_beat(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # the new date, one day before, to both


def test_the_klik_question_reminds_both_until_they_answer(coach, wethouder, django_capture_on_commit_callbacks):
    moment = datetime.datetime(2026, 6, 2, 14, tzinfo=UTC)
    MatchFactory(
        intake__wethouder=wethouder,
        coach=coach,
        state=MatchState.KENNISMAKING_PLANNED,
        kennismaking_at=moment,
        coach_klik=True,
    )
    with at(moment + datetime.timedelta(hours=1)):
        run_beat(django_capture_on_commit_callbacks)
    with at(datetime.datetime(2026, 6, 3, 7, tzinfo=UTC)):
        run_beat(django_capture_on_commit_callbacks)
    assert [(m.to[0], m.subject) for m in mail.outbox] == [(wethouder.email, "[Bestuurderspool] Was er een klik?")]


def test_an_unanswered_match_reminds_the_coach_after_two_days(coach, django_capture_on_commit_callbacks):
    approved = datetime.datetime(2026, 6, 2, 10, tzinfo=UTC)
    MatchFactory(coach=coach, state=MatchState.APPROVED, approved_at=approved)
    with at(approved + datetime.timedelta(days=2, seconds=-1)):
        run_beat(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    with at(approved + datetime.timedelta(days=2)):
        run_beat(django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == [coach.email]


def test_an_intake_waiting_five_working_days_reminds_every_coordinator(coordinator, django_capture_on_commit_callbacks):
    friday = datetime.datetime(2026, 11, 20, 15, tzinfo=UTC)
    SubmittedIntakeFactory(submitted_at=friday)
    with at(datetime.datetime(2026, 11, 26, 15, tzinfo=UTC)):
        run_beat(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    with at(datetime.datetime(2026, 11, 27, 15, tzinfo=UTC)):
        run_beat(django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == [coordinator.email]


def test_a_session_not_logged_reminds_the_coach_the_next_morning(trajectory, coach, django_capture_on_commit_callbacks):
    session = first_session(trajectory)
    with at(morning(session.on + datetime.timedelta(days=1))):
        run_beat(django_capture_on_commit_callbacks)
    assert [(m.to[0], m.subject) for m in mail.outbox if "gesprek" in m.subject] == [
        (coach.email, "[Bestuurderspool] Leg het gesprek van gisteren vast")
    ]


def test_two_beats_and_a_task_delivered_twice_send_once(trajectory, django_capture_on_commit_callbacks):
    due = morning(first_session(trajectory).on - datetime.timedelta(days=7))
    with at(due):
        assert services.plan_reminders(due) == 2
        assert services.plan_reminders(due) == 0  # a second beat
        ids = services.claim_due(due)
        assert services.claim_due(due) == []  # the second beat claims nothing
        assert services.deliver(ids)["sent"] == 2
        assert services.deliver(ids) == {
            **dict.fromkeys(["sent", "skipped", "cancelled", "retry", "failed"], 0),
            "not_ours": 2,
        }
    assert len(mail.outbox) == 2


def test_smtp_failures_back_off_then_fail_visibly_for_the_coordinators(
    trajectory, coordinator, client_for, django_capture_on_commit_callbacks
):
    due = morning(first_session(trajectory).on - datetime.timedelta(days=7))
    moment = due
    with override_settings(MAILERS=DEAD_SMTP):
        for attempt in range(1, services.MAX_ATTEMPTS + 1):
            with at(moment):
                run_beat(django_capture_on_commit_callbacks)
            reminder = Reminder.objects.filter(kind=ReminderKind.APPOINTMENT_UPCOMING).first()
            assert reminder.attempts == attempt
            if attempt < services.MAX_ATTEMPTS:
                assert (reminder.status, reminder.next_attempt_at) == (
                    "pending",
                    moment + services.BACKOFF[attempt - 1],
                )
                with at(reminder.next_attempt_at - datetime.timedelta(seconds=1)):
                    assert services.claim_due(reminder.next_attempt_at - datetime.timedelta(seconds=1)) == []
                moment = reminder.next_attempt_at
    failed = Reminder.objects.filter(status=ReminderStatus.FAILED)
    assert failed.count() == 2
    assert failed.first().last_error == "ConnectionRefusedError"
    page = client_for(coordinator).get(reverse("notifications:failed"))
    assert list(page.context["failed"]) == list(failed.order_by("-due_at", "-pk")) or set(
        page.context["failed"]
    ) == set(failed)
    with at(moment + datetime.timedelta(minutes=1)):
        run_beat(django_capture_on_commit_callbacks)  # the mail server works again
    assert [m.subject for m in mail.outbox] == ["[Bestuurderspool] Een herinnering kon niet worden bezorgd"] * 2
    client_for(coordinator).post(reverse("notifications:retry", args=[failed.first().pk]))
    with at(moment + datetime.timedelta(minutes=2)):
        run_beat(django_capture_on_commit_callbacks)
    assert Reminder.objects.filter(status=ReminderStatus.FAILED).count() == 1


def test_everyone_sees_only_their_own_notifications(
    trajectory, coach, wethouder, other_wethouder, client_for, django_capture_on_commit_callbacks
):
    with at(morning(first_session(trajectory).on - datetime.timedelta(days=7))):
        run_beat(django_capture_on_commit_callbacks)
    own = client_for(wethouder).get(reverse("notifications:list"))
    assert [item["reminder"].user_id for item in own.context["items"]] == [wethouder.pk]
    assert client_for(other_wethouder).get(reverse("notifications:list")).context["items"] == []
    assert client_for(wethouder).get(reverse("notifications:failed")).status_code == 403
    reminder = Reminder.objects.get(user=wethouder)
    assert client_for(coach).post(reverse("notifications:retry", args=[reminder.pk])).status_code == 403
    client_for(other_wethouder).post(reverse("notifications:mark_all_read"))
    reminder.refresh_from_db()
    assert reminder.read_at is None


def test_the_settings_page_saves_choices_and_keeps_required_ones(coach, client_for):
    client = client_for(coach)
    page = client.get(reverse("notifications:settings"))
    assert [value for value, _ in page.context["form"].fields["wanted"].choices] == [
        "appointment_upcoming",
        "session_not_logged",
        "track_session_upcoming",
    ]
    client.post(reverse("notifications:settings"), {"wanted": ["appointment_upcoming"], "days_before": ["3", "1"]})
    coach.reminder_settings.refresh_from_db()
    turned_off = ["session_not_logged", "track_session_upcoming"]
    assert (coach.reminder_settings.turned_off, coach.reminder_settings.days_before) == (turned_off, [3, 1])


def test_the_notification_list_query_count_does_not_grow(
    trajectory, wethouder, client_for, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    sessions = list(trajectory.appointments.filter(kind="session").order_by("on"))
    with at(morning(sessions[0].on - datetime.timedelta(days=7))):
        run_beat(django_capture_on_commit_callbacks)
    client = client_for(wethouder)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:list"))
    for session in sessions[1:]:
        with at(morning(session.on - datetime.timedelta(days=7))):
            run_beat(django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:list"))
    assert len(response.context["items"]) == Reminder.objects.filter(user=wethouder, status="sent").count() >= 6


def test_the_command_dry_run_lists_and_sends_nothing_then_sends(trajectory):
    due = morning(first_session(trajectory).on - datetime.timedelta(days=7))
    output = io.StringIO()
    with at(due):
        call_command("send_due_reminders", "--dry-run", stdout=output)
        assert "2 reminders would be sent" in output.getvalue()
        assert (Reminder.objects.count(), mail.outbox) == (0, [])
        call_command("send_due_reminders", stdout=output)
    assert "sent 2" in output.getvalue()
    assert len(mail.outbox) == 2
