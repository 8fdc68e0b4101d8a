"""Rendering and sending the portal's emails in the recipient's own language.

Each app's `emails.py` has one function per message; they all end here, so every mail has a
plain-text and an HTML part and is rendered under the recipient's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def send_templated_mail(
    template: str,
    *,
    to,
    context: dict,
    attachments: tuple[Attachment, ...] = (),
) -> None:
    """Render `templates/emails/<template>_{subject,body}.{txt,html}` for `to` and send it.

    `to` is a user: the mail is rendered in their language and addressed to their email.
    """
    templated_mail(template, to=to, context=context, attachments=attachments).send()


def templated_mail(
    template: str,
    *,
    to,
    context: dict,
    attachments: tuple[Attachment, ...] = (),
) -> EmailMultiAlternatives:
    """The message `send_templated_mail` sends, for callers that send it themselves (through a
    mailer connection they keep open for a batch)."""
    language = getattr(to, "language", None) or settings.LANGUAGE_CODE
    context = {"recipient": to, "portal_url": settings.PORTAL_URL.rstrip("/"), **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=text,
        to=[to.email],
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message
