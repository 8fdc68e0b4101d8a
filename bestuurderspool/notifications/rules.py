"""Permissions of the notifications: everyone their own; coordinators the failed reminders."""

import rules

from bestuurderspool.accounts.rules import is_coordinator


@rules.predicate
def is_own_reminder(user, reminder) -> bool:
    return reminder is not None and reminder.user_id == user.pk


rules.add_perm("notifications.view_reminder", is_own_reminder)
rules.add_perm("notifications.view_failed_reminders", is_coordinator)
rules.add_perm("notifications.retry_reminder", is_coordinator)
rules.add_perm("notifications.view_reminder_health", rules.is_superuser)
