"""Each user's notifications and reminder choices; the coordinators' list of failed reminders."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .enums import ReminderStatus
from .forms import ReminderSettingsForm
from .models import DEFAULT_DAYS_BEFORE, Reminder, ReminderSettings
from .sources import SOURCES

PAGE_SIZE = 50


def notification_list(request):
    reminders = list(
        Reminder.objects.visible_to(request.user).filter(status=ReminderStatus.SENT).order_by("-sent_at")[:PAGE_SIZE]
    )
    items = [{"reminder": r, "path": SOURCES[r.kind].path(r)} for r in reminders]
    return render(request, "notifications/notification_list.html", {"items": items})


@require_POST
def mark_all_read(request):
    services.mark_read(request.user)
    return redirect("notifications:list")


def reminder_settings(request):
    row = ReminderSettings.objects.filter(user=request.user).first()
    turned_off = row.turned_off if row else []
    initial = {"days_before": row.days_before if row else DEFAULT_DAYS_BEFORE}
    form = ReminderSettingsForm(request.POST or None, role=request.user.role, initial=initial)
    form.initial["wanted"] = [kind for kind in form.optional if kind not in turned_off]
    if request.method == "POST" and form.is_valid():
        services.save_reminder_settings(
            request.user,
            turned_off=form.turned_off(),
            days_before=form.cleaned_data.get("days_before", initial["days_before"]),
        )
        messages.success(request, _("Your reminder choices have been saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/reminder_settings.html", {"form": form}, status=400 if form.errors else 200)


def failed_reminders(request):
    if not rules.has_perm("notifications.view_failed_reminders", request.user):
        raise PermissionDenied
    failed = Reminder.objects.filter(status=ReminderStatus.FAILED).select_related("user").order_by("-due_at")[:200]
    return render(request, "notifications/failed_list.html", {"failed": failed})


@require_POST
def retry(request, pk):
    if not rules.has_perm("notifications.retry_reminder", request.user):
        raise PermissionDenied
    reminder = get_object_or_404(Reminder, pk=pk, status=ReminderStatus.FAILED)
    services.retry_failed(reminder, by=request.user)
    messages.success(request, _("The reminder will be sent again."))
    return redirect("notifications:failed")


def reminder_health(request):
    """For superusers: the reminders' health, as the coordinators' home shows it."""
    if not request.user.has_perm("notifications.view_reminder_health"):
        raise PermissionDenied
    return render(request, "notifications/reminder_health.html", {"reminder_health": selectors.reminder_health()})
