"""Behind the plan: one rule (`coaching.planning.is_behind_plan`), filtered and counted in SQL by
the coordinators' list and home, and a reminder for the coordinators."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.schedule import morning
from bestuurderspool.notifications.tasks import send_due_reminders
from coaching import planning
from coaching.enums import AppointmentKind, AppointmentStatus, TrajectoryState
from coaching.models import Trajectory
from coaching.selectors import trajectories as selectors
from coaching.services import trajectories as services
from coaching.tests.factories import KLIK_DAY, hold_session, trajectory_between

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 12):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM), tick=False)


def sessions(trajectory):
    return list(trajectory.appointments.filter(kind=AppointmentKind.SESSION).order_by("on"))


def hold(session, *, on=None):
    on = on or session.on
    with at(max(on, session.on) + DAY):
        hold_session(session, held_at=datetime.datetime.combine(on, datetime.time(10), tzinfo=AMSTERDAM))


def python_flags(trajectory, today) -> dict:
    """The rules of `coaching.planning`, applied in Python to the trajectory's appointments."""
    counted = [a for a in sessions(trajectory) if a.status in (AppointmentStatus.PLANNED, AppointmentStatus.HELD)]
    held = [a for a in counted if a.is_held]
    last_held = max((a.happened_on for a in held), default=None)
    active = trajectory.state == TrajectoryState.ACTIVE
    dates = [a.on for a in counted]
    return {
        "quiet": active and planning.is_quiet(last_held=last_held, klik_on=trajectory.klik_on, today=today),
        "behind": active and planning.is_behind_plan(session_dates=dates, held=len(held), today=today),
        "ends_soon": active and planning.ends_soon(ends_on=trajectory.ends_on, today=today),
    }


@pytest.fixture
def varied(coordinator):
    """Six trajectories with different histories: nothing held, held on time, held early, a
    cancelled session, held late, ended."""
    made = [trajectory_between(UserFactory(role="coach"), UserFactory(role="wethouder")) for _ in range(6)]
    _nothing_held, on_time, early, cancelled, late, ended = made
    for trajectory in (on_time, early, cancelled, late, ended):
        hold(sessions(trajectory)[0])
    second = sessions(on_time)[1]
    hold(second)
    second = sessions(early)[1]
    hold(second, on=second.on - datetime.timedelta(days=20))
    second = sessions(cancelled)[1]
    with at(second.on - datetime.timedelta(days=10)):
        services.cancel_appointment(second, reason="Verhinderd", by=cancelled.coach)
    second = sessions(late)[1]
    hold(second, on=second.on + datetime.timedelta(days=12))
    with at(KLIK_DAY + datetime.timedelta(days=60)):
        services.end_trajectory(ended, outcome=TrajectoryState.STOPPED, reason="Verhuisd", by=coordinator)
    return [Trajectory.objects.get(pk=t.pk) for t in made]


@pytest.mark.django_db
def test_the_python_rules_and_the_sql_flags_agree_on_every_day(varied, coordinator):
    last_day = max(t.ends_on for t in varied) + datetime.timedelta(days=10)
    day, compared, seen = KLIK_DAY, 0, {"quiet": 0, "behind": 0, "ends_soon": 0}
    while day <= last_day:
        with at(day):
            rows = selectors.flagged(selectors.trajectory_list(coordinator))
            in_sql = {t.pk: {name: getattr(t, name) for name in selectors.ATTENTION} for t in rows}
            filtered = {
                name: {t.pk for t in selectors.trajectory_list(coordinator, attention=name)}
                for name in selectors.ATTENTION
            }
            counts = selectors.attention_counts(coordinator)["trajectory_attention"]
        for name in selectors.ATTENTION:
            flagged = {t.pk for t in varied if python_flags(t, day)[name]}
            assert filtered[name] == flagged, (day, name)
            assert counts[name] == len(flagged), (day, name)
        for trajectory in varied:
            expected = python_flags(trajectory, day)
            assert in_sql[trajectory.pk] == expected, (day, trajectory.pk)
            for name, flagged in expected.items():
                seen[name] += flagged
            compared += 1
        day += datetime.timedelta(days=3)
    assert compared > 500
    assert all(seen.values()), seen  # every flag was raised on some day


def test_behind_from_is_the_first_day_the_rule_holds():
    days = [datetime.date(2026, 4, 1), datetime.date(2026, 3, 1), datetime.date(2026, 5, 4)]
    first = planning.behind_from(session_dates=days, held=1)
    assert first == datetime.date(2026, 4, 1) + planning.BEHIND_GRACE + DAY
    assert not planning.is_behind_plan(session_dates=days, held=1, today=first - DAY)
    assert planning.is_behind_plan(session_dates=days, held=1, today=first)
    assert planning.behind_from(session_dates=days, held=3) is None


def test_the_list_filters_behind_and_the_home_counts_it(varied, coordinator, other_coach, client_for):
    none_held = varied[0]
    url = reverse("coaching:trajectories") + "?attention=behind"
    second = sessions(none_held)[1]
    client = client_for(coordinator)
    with at(second.on):
        listed = client.get(url)
        # Every trajectory that held nothing by its second session's day is behind; the others not.
        behind = {t.pk for t in varied if python_flags(t, second.on)["behind"]}
        assert {t.pk for t in listed.context["trajectories"]} == behind
        assert none_held.pk in behind
        assert listed.context["page"].paginator.count == len(behind)
        assert 'data-testid="behind"' in listed.content.decode()
        assert client.get("/").context["trajectory_attention"]["behind"] == len(behind)
        assert client_for(other_coach).get(url).context["trajectories"] == []  # not theirs


def test_the_coordinators_are_reminded_once_on_the_morning_a_trajectory_falls_behind(
    coordinator, django_capture_on_commit_callbacks
):
    trajectory = trajectory_between(UserFactory(role="coach"), UserFactory(role="wethouder"))
    first = sessions(trajectory)[0]
    due = morning(first.on + planning.BEHIND_GRACE + DAY)
    for moment in (due - datetime.timedelta(hours=1), due + datetime.timedelta(minutes=5), due + DAY):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            send_due_reminders()
    sent = Reminder.objects.filter(kind=ReminderKind.TRAJECTORY_BEHIND_PLAN)
    assert [(r.user_id, r.target_id, r.due_at) for r in sent] == [(coordinator.pk, trajectory.pk, due)]
    assert [m.to for m in mail.outbox if "achter op de geplande gesprekken" in m.subject] == [[coordinator.email]]


def test_a_session_held_in_the_grace_week_sends_no_reminder(coordinator, django_capture_on_commit_callbacks):
    trajectory = trajectory_between(UserFactory(role="coach"), UserFactory(role="wethouder"))
    first = sessions(trajectory)[0]
    due = morning(first.on + planning.BEHIND_GRACE + DAY)
    with time_machine.travel(due - datetime.timedelta(hours=12), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            send_due_reminders()  # planned, not yet due
        hold_session(first)
    with (
        time_machine.travel(due + datetime.timedelta(minutes=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_due_reminders()
    assert not Reminder.objects.filter(kind=ReminderKind.TRAJECTORY_BEHIND_PLAN, status="sent").exists()
