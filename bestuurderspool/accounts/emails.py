from django.urls import reverse

from bestuurderspool.mail import send_templated_mail

from .tokens import make_invitation_token


def send_invitation(invitation) -> None:
    path = reverse("accept_invitation", args=[make_invitation_token(invitation)])
    send_templated_mail(
        "invitation",
        to=invitation.user,
        context={"invitation": invitation, "accept_path": path},
    )
