"""Test data for reminders."""

from django.utils import timezone

from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.models import Reminder


def due_reminders(coordinator, count: int, *, first: int = 0) -> list[Reminder]:
    """`count` "a reminder failed" notices for `coordinator`, due now (the lightest kind: no
    relevance query, no attachment)."""
    now = timezone.now()
    return Reminder.objects.bulk_create(
        Reminder(
            key=f"{ReminderKind.REMINDER_FAILED}:{coordinator.pk}:{n}:0",
            kind=ReminderKind.REMINDER_FAILED,
            user=coordinator,
            target_id=n,
            due_at=now,
            next_attempt_at=now,
        )
        for n in range(first, first + count)
    )
