"""The reminder mail: HTML and plain text in the recipient's language, with the appointment's
.ics attached where there is one. It says what is due and links to the portal; it never quotes
notes or other confidential text."""

from django.utils import timezone

from bestuurderspool.mail import Attachment, templated_mail
from coaching.calendar import appointment_ics
from coaching.models import Appointment

from .enums import ReminderKind
from .sources import SOURCES

APPOINTMENT_KINDS = {ReminderKind.APPOINTMENT_UPCOMING, ReminderKind.SESSION_NOT_LOGGED}


def reminder_messages(reminders) -> dict[int, object]:
    """The mail for each reminder, by reminder id; the appointments are read in one query."""
    wanted = {r.target_id for r in reminders if r.kind in APPOINTMENT_KINDS}
    appointments = Appointment.objects.select_related("trajectory__coach", "trajectory__wethouder").in_bulk(wanted)
    return {
        r.pk: reminder_message(r, appointments.get(r.target_id) if r.kind in APPOINTMENT_KINDS else None)
        for r in reminders
    }


def reminder_message(reminder, appointment=None):
    attachments = ()
    if appointment is not None and reminder.kind == ReminderKind.APPOINTMENT_UPCOMING:
        ics = appointment_ics(appointment, for_user=reminder.user)
        attachments = (Attachment("afspraak.ics", ics, "text/calendar"),)
    context = {
        "reminder": reminder,
        "appointment": appointment,
        "days_left": (appointment.on - timezone.localdate()).days if appointment else None,
        "path": SOURCES[reminder.kind].path(reminder),
    }
    message = templated_mail("reminder", to=reminder.user, context=context, attachments=attachments)
    # Lets a mail system (and the integration tests) recognise one reminder however often it is seen.
    message.extra_headers["X-Bestuurderspool-Reminder"] = reminder.key
    return message
