"""Reading reminders for pages other than the notification list."""

from .enums import ReminderStatus
from .models import Reminder


def coordinator_home(user) -> dict:
    """For the coordinator's home: how many reminders failed for good (one query)."""
    return {"failed_reminders": Reminder.objects.filter(status=ReminderStatus.FAILED).count()}
