from django.contrib.auth import get_user_model
from django.urls import reverse

from bestuurderspool.accounts.enums import Role
from bestuurderspool.mail import send_templated_mail


def send_intake_submitted(intake) -> None:
    coordinators = get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True)
    path = reverse("intake:coordinator_detail", args=[intake.pk])
    for coordinator in coordinators:
        send_templated_mail("intake_submitted", to=coordinator, context={"intake": intake, "path": path})


def send_intake_received(intake) -> None:
    """The wethouder's confirmation: what we received, and what happens next, when."""
    path = reverse("home")
    send_templated_mail("intake_received", to=intake.wethouder, context={"intake": intake, "path": path})
