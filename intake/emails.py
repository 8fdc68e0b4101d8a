from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from bestuurderspool.accounts.enums import Role
from bestuurderspool.ics import invitation_ics
from bestuurderspool.mail import Attachment, send_templated_mail


def send_intake_submitted(intake) -> None:
    coordinators = get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True)
    path = reverse("intake:coordinator_detail", args=[intake.pk])
    for coordinator in coordinators:
        send_templated_mail("intake_submitted", to=coordinator, context={"intake": intake, "path": path})


#: How long the intake conversation is planned for in the calendar.
CONVERSATION_MINUTES = 60


def send_conversation_invitation(conversation) -> None:
    """The invitation to the intake conversation, with an .ics whose UID stays the same when the
    conversation moves (its SEQUENCE, the moment of this mail, only grows), so calendars update
    the event instead of adding a second one."""
    intake = conversation.intake
    for person in [intake.wethouder, *conversation.attendees.all()]:
        with override(person.language or "nl"):
            ics = invitation_ics(
                uid=f"intake-conversation-{conversation.pk}@bestuurderspool",
                summary=_("Intake conversation, Bestuurderspool"),
                start=conversation.planned_at,
                minutes=CONVERSATION_MINUTES,
                location=conversation.location or str(conversation.get_mode_display()),
                sequence=int(timezone.now().timestamp()),
            )
        path = (
            reverse("home")
            if person.pk == intake.wethouder_id
            else reverse("intake:prepare_conversation", args=[intake.pk])
        )
        send_templated_mail(
            "intake_conversation",
            to=person,
            context={
                "conversation": conversation,
                "intake": intake,
                "path": path,
                "for_wethouder": person.pk == intake.wethouder_id,
            },
            attachments=(Attachment("intakegesprek.ics", ics, "text/calendar"),),
        )


def send_intake_received(intake) -> None:
    """The wethouder's confirmation: what we received, and what happens next, when."""
    path = reverse("home")
    send_templated_mail("intake_received", to=intake.wethouder, context={"intake": intake, "path": path})
