"""During the track: session invitations with .ics, reminders through the reminder system
(exactly once), and attendance recorded by the learning manager."""

import datetime
import logging

import pytest
from django.core import mail
from django.urls import reverse

from bestuurderspool.notifications.models import Reminder
from bestuurderspool.notifications.services import plan_reminders
from tracks.models import Attendance

#: The day before the session of 14 January 2027, just after nine in the morning (Amsterdam).
BEFORE = datetime.datetime(2027, 1, 13, 8, 30, tzinfo=datetime.UTC)


def test_a_new_session_invites_the_members_with_ics(
    coordinator, cohort, wethouder, coach, client_for, django_capture_on_commit_callbacks
):
    data = {"title": "Tweede sessie", "starts_at": "2027-03-04T14:00", "ends_at": "2027-03-05T14:00", "venue": "Zeist"}
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(reverse("tracks:session_create", args=[cohort.pk]), data)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([wethouder.email, coach.email])
    ics = mail.outbox[0].attachments[0][1]
    assert "DTSTART;TZID=Europe/Amsterdam:20270304T140000" in ics
    assert "DTEND;TZID=Europe/Amsterdam:20270305T140000" in ics
    assert "LOCATION:Zeist" in ics


def test_members_are_reminded_the_morning_before_exactly_once(cohort, wethouder, coach, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    assert plan_reminders(BEFORE) == 2
    assert plan_reminders(BEFORE) == 0
    rows = Reminder.objects.filter(kind="track_session_upcoming")
    assert sorted(rows.values_list("user_id", flat=True)) == sorted([wethouder.pk, coach.pk])
    assert {r.due_at for r in rows} == {datetime.datetime(2027, 1, 13, 8, tzinfo=datetime.UTC)}


def test_the_reminder_mail_says_tomorrow_and_links_to_the_track(cohort, wethouder, time_machine):
    from bestuurderspool.notifications.services import claim_due, deliver

    due = datetime.datetime(2027, 1, 13, 8, 5, tzinfo=datetime.UTC)
    time_machine.move_to(due, tick=False)
    plan_reminders(due)
    assert deliver(claim_due(due))["sent"] == 2
    (message,) = [m for m in mail.outbox if m.to == [wethouder.email]]
    assert message.subject == "[Bestuurderspool] Herinnering: morgen uw groepssessie"
    assert reverse("tracks:detail", args=[cohort.pk]) in message.body
    assert "Morgen is er een sessie van uw groepstraject." in message.body


def test_a_moved_session_is_no_longer_reminded(cohort):
    from bestuurderspool.notifications.services import _relevant

    plan_reminders(BEFORE)
    session = cohort.sessions.get()
    session.starts_at += datetime.timedelta(days=7)
    session.ends_at += datetime.timedelta(days=7)
    session.save()
    assert _relevant(list(Reminder.objects.all())) == set()


def test_the_learning_manager_records_attendance(cohort, coach, wethouder, coordinator, client_for):
    session = cohort.sessions.get()
    response = client_for(coach).post(reverse("tracks:attendance", args=[session.pk]), {"present": [str(wethouder.pk)]})
    assert response.url == reverse("tracks:detail", args=[cohort.pk])
    assert list(Attendance.objects.values_list("participant", "present")) == [(wethouder.pk, True)]
    page = client_for(coordinator).get(reverse("tracks:detail", args=[cohort.pk]))
    assert [(s.attendance_here, s.attendance_total) for s in page.context["sessions"]] == [(1, 1)]


def test_only_participants_can_be_recorded(cohort, coach, other_wethouder, client_for):
    session = cohort.sessions.get()
    response = client_for(coach).post(
        reverse("tracks:attendance", args=[session.pk]), {"present": [str(other_wethouder.pk)]}
    )
    assert "present" in response.context["form"].errors
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["wethouder", "coordinator", "other_coach", "other_wethouder", None])
def test_only_the_learning_manager_records_attendance(db, persona, cohort, wethouder, client_for, request):
    session = cohort.sessions.get()
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(reverse("tracks:attendance", args=[session.pk]), {"present": [str(wethouder.pk)]})
    expected = {None: 302, "wethouder": 403, "coordinator": 403, "other_coach": 404, "other_wethouder": 404}[persona]
    assert response.status_code == expected
    assert not Attendance.objects.exists()


def test_a_session_gone_before_its_invitation_sends_nothing(cohort, caplog):
    from tracks.tasks import send_session_invitations

    caplog.set_level(logging.INFO, logger="tracks.tasks")
    session = cohort.sessions.get()
    pk = session.pk
    session.delete()
    send_session_invitations(pk)
    assert not mail.outbox
    assert f"Track session {pk} is gone" in caplog.text
