"""Reading reminders for pages other than the notification list."""

from django.db.models import Count, Q
from django.utils import timezone

from . import services
from .enums import ReminderStatus
from .models import Reminder


def coordinator_home(user) -> dict:
    """For the coordinator's home: how many reminders failed for good, and the reminders' health."""
    health = reminder_health()
    return {"failed_reminders": health["failed"], "reminder_health": health}


def reminder_health() -> dict:
    """For the operators (one query): when the sweep last ran and whether beat is late, how many
    reminders wait to go out (due, or handed to a worker), how many were sent today (Amsterdam
    time) and how many failed for good."""
    now = timezone.now()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    counts = Reminder.objects.aggregate(
        queued=Count(
            "pk",
            filter=Q(status=ReminderStatus.QUEUED) | Q(status=ReminderStatus.PENDING, next_attempt_at__lte=now),
        ),
        sent_today=Count("pk", filter=Q(status=ReminderStatus.SENT, sent_at__gte=midnight)),
        failed=Count("pk", filter=Q(status=ReminderStatus.FAILED)),
    )
    last, started = services.last_sweep(), services.beat_start()
    return {
        **counts,
        "last_sweep": last,
        "beat_started": started,
        "beat_late": services.sweep_is_late(last, now, started=started),
        "late_after_minutes": int(services.late_after().total_seconds() // 60),
    }
