"""One message per step of a match, to the people it concerns, in their own language."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from bestuurderspool.accounts.enums import Role
from bestuurderspool.mail import send_templated_mail


def _coordinators():
    return list(get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True))


#: kind → who gets it
MATCH_MESSAGES = {
    "asked_to_accept": lambda m: [m.coach],
    "accepted": lambda m: [m.wethouder],
    "declined": lambda m: _coordinators(),
    "expired": lambda m: [*_coordinators(), m.coach],
    "kennismaking_planned": lambda m: [m.coach, m.wethouder],
    "no_klik": lambda m: _coordinators(),
    "klik": lambda m: [*_coordinators(), m.coach, m.wethouder],
}


def send_match_update(match, kind: str) -> None:
    for recipient in MATCH_MESSAGES[kind](match):
        if recipient.is_coordinator or recipient.is_superuser:
            path = reverse("coaching:proposals", args=[match.intake_id])
        else:
            path = reverse("coaching:match_detail", args=[match.pk])
        send_templated_mail("match_update", to=recipient, context={"match": match, "kind": kind, "path": path})
