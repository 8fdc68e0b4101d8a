"""The intake's reminder, planned by the reminder system (`bestuurderspool/notifications`): an
intake that waits too long for its conversation. Registered when the app starts (`apps.py`)."""

from datetime import datetime, timedelta

from django.urls import reverse

from bestuurderspool.notifications import sources
from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.schedule import add_working_days
from bestuurderspool.notifications.sources import Source, for_coordinators, still, window

from .enums import IntakeState
from .models import Intake

INTAKE_WAITING_WORKING_DAYS = 5


def _intake_waiting(now: datetime):
    start, end = window(now)
    rows = Intake.objects.filter(
        state=IntakeState.SUBMITTED, submitted_at__gt=start - timedelta(days=9), submitted_at__lte=end
    ).values_list("pk", "submitted_at")
    due = [(pk, add_working_days(submitted, INTAKE_WAITING_WORKING_DAYS)) for pk, submitted in rows]
    return for_coordinators(ReminderKind.INTAKE_WAITING, due, now)


def _intake_relevant(reminders) -> set[int]:
    return still(Intake.objects.filter(state=IntakeState.SUBMITTED), reminders)


def _intake_path(reminder) -> str:
    return reverse("intake:detail", args=[reminder.target_id])


def register() -> None:
    sources.register(ReminderKind.INTAKE_WAITING, Source(_intake_waiting, _intake_relevant, _intake_path))
