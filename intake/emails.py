from django.contrib.auth import get_user_model
from django.urls import reverse

from bestuurderspool.accounts.enums import Role
from bestuurderspool.mail import send_templated_mail


def send_intake_submitted(intake) -> None:
    coordinators = get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True)
    path = reverse("intake:coordinator_detail", args=[intake.pk])
    for coordinator in coordinators:
        send_templated_mail("intake_submitted", to=coordinator, context={"intake": intake, "path": path})
