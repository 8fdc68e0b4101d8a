"""One message per step of a match, to the people it concerns, in their own language."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from bestuurderspool.accounts.enums import Role
from bestuurderspool.mail import Attachment, send_templated_mail


def _coordinators():
    return list(get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True))


#: kind → who gets it
MATCH_MESSAGES = {
    "asked_to_accept": lambda m: [m.coach],
    "accepted": lambda m: [m.wethouder],
    "declined": lambda m: _coordinators(),
    "expired": lambda m: [*_coordinators(), m.coach],
    "kennismaking_planned": lambda m: [m.coach, m.wethouder],
    "no_klik": lambda m: [*_coordinators(), m.wethouder],
    "repeated_no_klik": lambda m: [*_coordinators(), m.wethouder],
    # Coach and wethouder hear of a klik once, from the trajectory's "started" mail.
    "klik": lambda m: _coordinators(),
    "switched": lambda m: _coordinators(),
}


def send_match_update(match, kind: str) -> None:
    for recipient in MATCH_MESSAGES[kind](match):
        if recipient.is_coordinator or recipient.is_superuser:
            path = reverse("coaching:proposals", args=[match.intake_id])
        else:
            path = reverse("coaching:match_detail", args=[match.pk])
        send_templated_mail("match_update", to=recipient, context={"match": match, "kind": kind, "path": path})


#: kind → who gets it (by name of the trajectory's side). Confidential text is never in a mail:
#: a mail says that something happened and links to the portal.
TRAJECTORY_MESSAGES = {
    "started": ("coach", "wethouder"),
    "plan_changed": ("coach", "wethouder"),
    "rescheduled": ("coach", "wethouder"),
    "cancelled": ("coach", "wethouder"),
    "move_proposed": ("coach",),
    "move_agreed": ("coach", "wethouder"),
    "move_declined": ("wethouder",),
    "move_withdrawn": ("coach",),
    "extra_proposed": ("wethouder",),
    "extra_proposed_by_wethouder": ("coach",),
    "extra_agreed": ("coach", "wethouder"),
    "extra_declined": ("coach",),
    "extra_declined_by_coach": ("wethouder",),
    "extension_requested": ("coach",),
    "extension_agreed": ("coach", "wethouder"),
    "extension_declined": ("wethouder",),
    "other_coach_requested": ("coordinators",),
    "observation_reported": ("wethouder",),
    "summary_shared": ("wethouder",),
    "evaluation_submitted": ("coach",),
    "completed": ("coach", "wethouder"),
    "stopped": ("coach", "wethouder"),
}


#: Messages about a proposal to move an appointment link to the appointment's page.
MOVE_MESSAGES = ("move_proposed", "move_agreed", "move_declined", "move_withdrawn")


def send_trajectory_update(trajectory, kind: str, appointment=None) -> None:
    from .calendar import appointment_ics

    path = reverse("coaching:trajectory_detail", args=[trajectory.pk])
    if kind in MOVE_MESSAGES and appointment is not None:
        path = reverse("coaching:appointment_detail", args=[appointment.pk])
    recipients = [
        person
        for side in TRAJECTORY_MESSAGES[kind]
        for person in (_coordinators() if side == "coordinators" else [getattr(trajectory, side)])
    ]
    for recipient in recipients:
        attachments = ()
        if appointment is not None and kind in ("rescheduled", "cancelled", "extra_agreed", "move_agreed"):
            attachments = (
                Attachment("afspraak.ics", appointment_ics(appointment, for_user=recipient), "text/calendar"),
            )
        context = {"trajectory": trajectory, "appointment": appointment, "kind": kind, "path": path}
        send_templated_mail("trajectory_update", to=recipient, context=context, attachments=attachments)
