"""Thirteen months of fifty trajectories with the clock stepped every six hours: sessions are
held and logged (some late), moved and cancelled; wethouders evaluate; trajectories end. Every
reminder must go out when due and not before, none may be missed or sent twice, none may go
for a cancelled session, and 09:00 must stay 09:00 in Amsterdam across both daylight-saving
changes (29 March and 25 October 2026)."""

import datetime
import random
from collections import Counter

import pytest
import time_machine
from django.core import mail

from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.notifications.enums import ReminderKind, ReminderStatus
from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.schedule import AMSTERDAM, morning
from bestuurderspool.notifications.services import save_reminder_settings
from bestuurderspool.notifications.tasks import send_due_reminders
from coaching import planning
from coaching.enums import AppointmentStatus, TrajectoryState
from coaching.models import Appointment, Evaluation, Trajectory
from coaching.services import trajectories as services
from coaching.tests.factories import hold_session, trajectory_between

UTC = datetime.UTC
START = datetime.datetime(2026, 1, 5, 0, tzinfo=UTC)
END = datetime.datetime(2027, 2, 5, 0, tzinfo=UTC)
STEP = datetime.timedelta(hours=6)
EXACT_KINDS = {
    ReminderKind.APPOINTMENT_UPCOMING,
    ReminderKind.SESSION_NOT_LOGGED,
    ReminderKind.EVALUATION_DUE,
    ReminderKind.TRAJECTORY_ENDING,
}


def build_pool(rng):
    trajectories, changes = [], []
    for n in range(50):
        klik = datetime.date(2026, 1, 5) + datetime.timedelta(days=n * 60 // 50)
        coach = UserFactory(role="coach")
        wethouder = UserFactory(role="wethouder")
        settings = ("council",) if n % 2 else ()
        trajectory = trajectory_between(coach, wethouder, klik_on=klik, observation_settings=settings)
        trajectories.append(trajectory)
        for session in list(trajectory.appointments.filter(kind="session").order_by("on"))[1:-1]:
            draw = rng.random()
            if draw < 0.15:
                changes.append((morning(session.on - datetime.timedelta(days=12)), "cancel", session.pk, None))
            elif draw < 0.30:
                new_on = planning.working_day(session.on + datetime.timedelta(days=3))
                changes.append((morning(session.on - datetime.timedelta(days=14)), "move", session.pk, new_on))
    return trajectories, sorted(changes, key=lambda change: change[0])


def apply_changes(changes, now):
    while changes and changes[0][0] <= now:
        _, action, pk, new_on = changes.pop(0)
        appointment = Appointment.objects.select_related("trajectory").get(pk=pk)
        by = appointment.trajectory.coach
        if action == "cancel":
            services.cancel_appointment(appointment, reason="Verhinderd", by=by)
        else:
            services.reschedule_appointment(appointment, on=new_on, start_time=None, location="", reason="Raad", by=by)


def live_the_day(now, late_loggers, evaluators):
    """Evening: coaches log today's sessions (late loggers three days late); wethouders fill in
    the interim evaluation two days after it; a day after its end a trajectory is completed."""
    local = now.astimezone(AMSTERDAM)
    if local.hour < 18:
        return
    today = local.date()
    sessions = Appointment.objects.filter(
        kind="session", status=AppointmentStatus.PLANNED, on__lte=today, trajectory__state="active"
    ).select_related("trajectory")
    for session in sessions:
        delay = 3 if session.trajectory_id in late_loggers else 0
        if session.on <= today - datetime.timedelta(days=delay):
            hold_session(session)
    interims = Appointment.objects.filter(
        kind="interim_evaluation", on__lte=today - datetime.timedelta(days=2), trajectory_id__in=evaluators
    ).exclude(trajectory__evaluations__kind="interim")
    for interim in interims.select_related("trajectory"):
        services.submit_evaluation(
            interim.trajectory,
            kind="interim",
            usefulness=4,
            klik=4,
            change=3,
            what_changed="",
            share_with_coach=False,
            by=interim.trajectory.wethouder,
        )
    for trajectory in Trajectory.objects.filter(state="active", ends_on__lt=today).select_related("coach"):
        services.end_trajectory(trajectory, outcome=TrajectoryState.COMPLETED, reason="", by=trajectory.coach)


def expected_reminders(trajectories, opted_out, late_loggers, coordinator):
    expected = set()
    for appointment in Appointment.objects.exclude(status=AppointmentStatus.CANCELLED).select_related("trajectory"):
        trajectory = appointment.trajectory
        for user_id in (trajectory.coach_id, trajectory.wethouder_id):
            for days in (7, 1):
                if user_id not in opted_out:
                    expected.add(
                        (
                            ReminderKind.APPOINTMENT_UPCOMING,
                            user_id,
                            appointment.pk,
                            morning(appointment.on - datetime.timedelta(days=days)),
                        )
                    )
        if appointment.kind == "session" and trajectory.pk in late_loggers:
            expected.add(
                (
                    ReminderKind.SESSION_NOT_LOGGED,
                    trajectory.coach_id,
                    appointment.pk,
                    morning(appointment.on + datetime.timedelta(days=1)),
                )
            )
        if appointment.kind in ("interim_evaluation", "final_evaluation"):
            expected.add(
                (ReminderKind.EVALUATION_DUE, trajectory.wethouder_id, appointment.pk, morning(appointment.on))
            )
    for trajectory in trajectories:
        trajectory.refresh_from_db()
        expected.add(
            (
                ReminderKind.TRAJECTORY_ENDING,
                coordinator.pk,
                trajectory.pk,
                morning(trajectory.ends_on - datetime.timedelta(days=30)),
            )
        )
    return {item for item in expected if START < item[3] <= END}


@pytest.mark.slow
def test_thirteen_months_of_fifty_trajectories(coordinator, django_capture_on_commit_callbacks):
    rng = random.Random(2026)
    trajectories, changes = build_pool(rng)
    late_loggers = {t.pk for t in trajectories[::5]}
    evaluators = {t.pk for t in trajectories[::2]}
    opted_out = {trajectories[3].wethouder_id}
    save_reminder_settings(
        trajectories[3].wethouder, turned_off=[ReminderKind.APPOINTMENT_UPCOMING], days_before=[7, 1]
    )
    mail.outbox.clear()

    now = START
    with time_machine.travel(now, tick=False) as clock:
        while now <= END:
            clock.move_to(now)
            apply_changes(changes, now)
            live_the_day(now, late_loggers, evaluators)
            with django_capture_on_commit_callbacks(execute=True):
                send_due_reminders()
            now += STEP

    sent = list(Reminder.objects.filter(status=ReminderStatus.SENT))
    keys = Counter((r.kind, r.user_id, r.target_id, r.due_at) for r in sent)
    assert len(mail.outbox) == len(sent), "one mail per sent reminder"
    assert max(keys.values()) == 1, "no reminder twice"
    assert all(r.due_at <= r.sent_at < r.due_at + STEP for r in sent), "sent when due, and not before"

    exact = {key for key in keys if key[0] in EXACT_KINDS}
    expected = expected_reminders(trajectories, opted_out, late_loggers, coordinator)
    assert exact - expected == set(), "nothing unexpected"
    assert expected - exact == set(), "none missed"
    assert len(expected) > 1500

    cancelled = set(Appointment.objects.filter(status="cancelled").values_list("pk", flat=True))
    appointment_kinds = {ReminderKind.APPOINTMENT_UPCOMING, ReminderKind.SESSION_NOT_LOGGED}
    assert cancelled
    assert not [r for r in sent if r.kind in appointment_kinds and r.target_id in cancelled], "none for a cancelled one"
    assert not [r for r in sent if r.user_id in opted_out and r.kind == ReminderKind.APPOINTMENT_UPCOMING]

    morning_hours = Counter(r.due_at.astimezone(UTC).hour for r in sent if r.kind in EXACT_KINDS)
    assert {r.due_at.astimezone(AMSTERDAM).hour for r in sent if r.kind in EXACT_KINDS} == {9}
    assert set(morning_hours) == {7, 8}, "summer and winter time both seen, each at 09:00 Amsterdam"
    assert Evaluation.objects.filter(kind="interim").count() == len(evaluators)
