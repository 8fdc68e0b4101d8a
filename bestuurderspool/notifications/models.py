"""Reminders, recorded in the database before anything is sent: the database, not the broker, is
the source of truth. Each reminder has a unique key (what, for whom, for which due moment), so
planning it twice, delivering its task twice or running two beat processes cannot make two.
A sent reminder is also the user's notification in the portal."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import ReminderKind, ReminderStatus

DEFAULT_DAYS_BEFORE = [7, 1]


def default_days_before() -> list[int]:
    return list(DEFAULT_DAYS_BEFORE)


class ReminderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everyone sees their own notifications only."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def due(self, now):
        return self.filter(status=ReminderStatus.PENDING, next_attempt_at__lte=now)


class Reminder(models.Model):
    key = models.CharField(max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    target_id = models.PositiveBigIntegerField()
    due_at = models.DateTimeField(_("due"))
    #: Ids and dates only, never confidential text: what the mail and the relevance check need.
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_at", "-pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="reminder_pending_due_idx"),
            models.Index(fields=["queued_at"], condition=Q(status="queued"), name="reminder_queued_idx"),
            models.Index(fields=["user", "-sent_at"], name="reminder_user_sent_idx"),
        ]

    def __str__(self):
        return self.key


class ReminderSettings(models.Model):
    """A user's choices: which optional reminders, and how many days before an appointment."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings")
    turned_off = models.JSONField(_("reminders turned off"), default=list, blank=True)
    days_before = models.JSONField(_("days before an appointment"), default=default_days_before, blank=True)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self):
        return f"{self.user}"
