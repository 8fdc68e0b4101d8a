"""Retention: what passed its period is removed by the daily task or the command, each removal
recorded without content; a moving clock shows nothing stays longer or goes earlier."""

import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db.models import Q

from bestuurderspool.privacy import tasks
from coaching.models import AppointmentReport, Evaluation
from coaching.services import trajectories as services
from coaching.tests.factories import CoachProfileFactory, trajectory_between
from intake.enums import IntakeState
from intake.models import Intake
from intake.tests.factories import IntakeFactory, SubmittedIntakeFactory

from ..models import AuditEvent
from .factories import AuditEventFactory
from .history import CANARIES, full_history

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def purge(*args) -> str:
    output = io.StringIO()
    call_command("purge_expired_data", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def expired(coach, wethouder, coordinator):
    """A trajectory that ended (with its intake) longer ago than every period."""
    history = full_history(coach, wethouder, coordinator)
    later = history.trajectory.ended_at + datetime.timedelta(days=settings.RETENTION_TRAJECTORY_TEXTS_DAYS + 1)
    with time_machine.travel(later, tick=False):
        yield history


def test_a_dry_run_says_what_would_go_and_removes_nothing(expired):
    output = purge("--dry-run")
    intake_id = expired.trajectory.match.intake_id
    assert f"would remove: confidential texts of 1 trajectories: [{expired.trajectory.pk}]" in output
    assert f"would remove: answers of 1 intakes: [{intake_id}]" in output
    assert AppointmentReport.objects.count() == 2
    assert Intake.objects.get(pk=intake_id).question == CANARIES["question"]
    assert not AuditEvent.objects.exists()


def test_the_purge_removes_the_texts_keeps_the_figures_and_records_itself(expired):
    intake_id = expired.trajectory.match.intake_id
    output = purge()
    assert f"removed: confidential texts of 1 trajectories: [{expired.trajectory.pk}]" in output
    assert AppointmentReport.objects.count() == 0
    assert list(Evaluation.objects.values_list("usefulness", "klik", "change", "what_changed")) == [(4, 5, 3, "")]
    intake = Intake.objects.select_related("conversation").get(pk=intake_id)
    assert (intake.state, intake.question, intake.wish_political, intake.conversation.notes) == ("matched", "", "", "")
    assert sorted(AuditEvent.objects.values_list("actor_id", "action", "record_type", "record_id")) == [
        (None, "purged", "coaching.trajectory", expired.trajectory.pk),
        (None, "purged", "intake.intake", intake_id),
    ]
    assert "removed: confidential texts of 0 trajectories" in purge()  # a second run finds nothing


def test_the_daily_task_runs_the_same_purge(expired):
    assert settings.CELERY_BEAT_SCHEDULE["purge-expired-data"] == {
        "task": "bestuurderspool.privacy.tasks.purge_expired_data",
        "schedule": 24 * 3600,
    }
    tasks.purge_expired_data.delay()
    assert AppointmentReport.objects.count() == 0


def test_a_running_trajectory_keeps_everything(coach, wethouder, coordinator):
    history = full_history(coach, wethouder, coordinator, ended=False)
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)):
        purge()
    assert AppointmentReport.objects.filter(appointment__trajectory=history.trajectory).count() == 2
    assert Intake.objects.get(pk=history.trajectory.match.intake_id).question == CANARIES["question"]


@pytest.mark.slow
def test_a_moving_clock_nothing_kept_longer_or_removed_earlier(wethouder, other_wethouder, coordinator):
    """Two and a half years, one purge a day at noon: every kind of data is present up to its
    deadline's day and gone from the next run on."""
    start = datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        deadlines = _populate(clock, wethouder, other_wethouder, coordinator)
        while datetime.datetime.now(tz=datetime.UTC) < start + datetime.timedelta(days=760):
            clock.shift(DAY)
            tasks.purge_expired_data.delay()
            now = datetime.datetime.now(tz=datetime.UTC)
            present = {name: check() for name, (_deadline, check) in deadlines.items()}
            expected = {name: now <= deadline for name, (deadline, _check) in deadlines.items()}
            assert present == expected, now


def _populate(clock, wethouder, other_wethouder, coordinator) -> dict:
    """Create one thing of each kind at known moments; return {name: (deadline, is_present)}."""
    days = settings.RETENTION_TRAJECTORY_TEXTS_DAYS, settings.RETENTION_INTAKE_ANSWERS_DAYS
    texts_days, answers_days = (datetime.timedelta(days=n) for n in days)
    unmatched = datetime.timedelta(days=settings.RETENTION_UNMATCHED_INTAKE_DAYS)
    coach = CoachProfileFactory().user
    trajectory = trajectory_between(coach, wethouder, klik_on=datetime.date(2026, 3, 2))
    AppointmentReport.objects.create(appointment=trajectory.appointments.first(), private_notes="x")
    Intake.objects.filter(pk=trajectory.match.intake_id).update(question="vraag")
    draft = IntakeFactory(wethouder=other_wethouder, question="concept")
    audit = AuditEventFactory(actor=coordinator)
    clock.shift(10 * DAY)
    withdrawn = SubmittedIntakeFactory(
        wethouder=CoachProfileFactory().user, state=IntakeState.WITHDRAWN, question="ingetrokken"
    )
    Intake.objects.filter(pk=withdrawn.pk).update(withdrawn_at=datetime.datetime.now(tz=datetime.UTC))
    clock.shift(20 * DAY)
    services.end_trajectory(trajectory, outcome="completed", reason="", by=coach)
    ended = datetime.datetime.now(tz=datetime.UTC)
    withdrawn_at = Intake.objects.get(pk=withdrawn.pk).withdrawn_at

    def has(model, *conditions, **lookup):
        return lambda: model.objects.filter(*conditions, **lookup).exists()

    return {
        "trajectory texts": (ended + texts_days, has(AppointmentReport, appointment__trajectory=trajectory)),
        "matched intake": (ended + answers_days, has(Intake, ~Q(question=""), pk=trajectory.match.intake_id)),
        "withdrawn intake": (withdrawn_at + unmatched, has(Intake, ~Q(question=""), pk=withdrawn.pk)),
        "draft": (draft.updated_at + unmatched, has(Intake, ~Q(question=""), pk=draft.pk)),
        "audit record": (
            audit.at + datetime.timedelta(days=settings.RETENTION_AUDIT_DAYS),
            has(AuditEvent, pk=audit.pk),
        ),
    }
