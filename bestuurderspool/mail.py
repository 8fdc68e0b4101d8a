"""Rendering and sending the portal's emails in the recipient's own language.

Each app's `emails.py` has one function per message; they all end here, so every mail has a
plain-text and an HTML part and is rendered under the recipient's language.
"""

import email.policy
import functools
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from email import charset as email_charset
from email import encoders
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends import smtp
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.utils import translation

#: UTF-8 text goes as 8bit (Python's default for UTF-8 is base64, unreadable in a mail's source);
#: quoted-printable only where a line is longer than SMTP allows (RFC 5322: 998 characters).
UTF8 = email_charset.Charset("utf-8")
UTF8.body_encoding = None
UTF8_QP = email_charset.Charset("utf-8")
UTF8_QP.body_encoding = email_charset.QP
LINE_LIMIT = 998


#: Addresses already checked by `SMTPBackend`, per process.
_CHECKED_ADDRESSES: dict[tuple[str, bool], str] = {}


class SMTPBackend(smtp.EmailBackend):
    """Django's SMTP backend, checking each address once per process: the check parses it with
    Python's newer address parser, a third of a millisecond for the two addresses of a message."""

    def prep_address(self, address, force_ascii=True):
        key = (str(address), force_ascii)
        if key not in _CHECKED_ADDRESSES:
            if len(_CHECKED_ADDRESSES) >= 10_000:
                _CHECKED_ADDRESSES.clear()
            _CHECKED_ADDRESSES[key] = super().prep_address(*key)  # raises for a bad one: not kept
        return _CHECKED_ADDRESSES[key]


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


class PortalMail(EmailMultiAlternatives):
    """Django's multipart mail, built with the standard library's classic MIME classes.

    Django 6 builds messages with Python's newer `email` API, which parses and re-folds every
    header it sets: for a reminder with an .ics that was 4 of the 10 ms the whole delivery took,
    and the reminders must go out by the hundreds a second. The classic classes (the `compat32`
    policy, which Django itself used up to 5.2) build the same structure (text and HTML
    alternatives, attachments, UTF-8, RFC 2047 headers, IDNA domains) in a quarter of the time.
    Backends, the test outbox and callers see the same `EmailMultiAlternatives`."""

    def message(self, *, policy=email.policy.default):
        policy = _Compat32().clone(linesep=policy.linesep)
        bodies = [_text_part(self.body, "plain", policy)] if self.body or not self.alternatives else []
        bodies += [_part(alternative.content, alternative.mimetype, policy) for alternative in self.alternatives]
        msg = bodies[0] if len(bodies) == 1 else _multipart("alternative", bodies, policy)
        if self.attachments:
            attached = [_attachment(attachment, policy=policy) for attachment in self.attachments]
            msg = _multipart("mixed", [msg, *attached], policy)
        if any(name.lower() == "bcc" for name in self.extra_headers):
            raise ValueError("Bcc is not a valid email header; use the bcc argument.")
        msg["Subject"] = _header(str(self.subject))
        msg["From"] = _address(self.from_email)
        for name, addresses in (("To", self.to), ("Cc", self.cc), ("Reply-To", self.reply_to)):
            if addresses:
                msg[name] = ", ".join(map(_address, addresses))
        msg["Date"] = format_datetime(datetime.now(UTC))
        msg["Message-ID"] = make_msgid(domain=DNS_NAME)
        for name, value in self.extra_headers.items():  # as in Django: these replace the above
            del msg[name]
            msg[name] = _header(str(value))
        return msg


class _Compat32(email.policy.Compat32):
    """The classic policy, writing a short ASCII header as it is: the `Header` class would only
    find it needs no folding or encoding, at a tenth of the build time."""

    def _fold(self, name, value, sanitize):
        short = isinstance(value, str) and len(name) + len(value) + 2 <= self.max_line_length
        if short and value.isascii() and "\n" not in value and "\r" not in value:
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


def _multipart(subtype: str, parts: list, policy) -> MIMEMultipart:
    """A boundary of 128 random bits cannot occur in the parts by chance: the generator need not
    search them for it (a regular expression compiled per boundary: a tenth of the build time)."""
    for part in parts:
        del part["MIME-Version"]  # the message's own header is enough (RFC 2045)
    return MIMEMultipart(subtype, boundary=f"=_{secrets.token_hex(16)}", _subparts=parts, policy=policy)


def _check(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError(f"Header values can't contain newlines (got {value!r})")
    return value


def _header(value: str) -> str | Header:
    return _check(value) if value.isascii() else Header(value, "utf-8")


@functools.lru_cache(maxsize=4096)
def _address(value: str) -> str:
    name, address = parseaddr(_check(value))
    if "@" not in address:  # a local mailbox ("webmaster"), as Django allows
        return formataddr((name, address), charset="utf-8")
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        raise ValueError(f"Cannot address {value!r}: the part before @ is not ASCII")
    return formataddr((name, f"{local}@{domain.encode('idna').decode('ascii')}"), charset="utf-8")


def _text_part(content: str, subtype: str, policy) -> MIMEText:
    too_long = any(len(line) > LINE_LIMIT for line in content.splitlines())
    return MIMEText(content, subtype, UTF8_QP if too_long else UTF8, policy=policy)


def _part(content, mimetype: str, policy) -> MIMEBase:
    maintype, subtype = mimetype.split("/", 1)
    if maintype == "text":
        return _text_part(content.decode() if isinstance(content, bytes) else content, subtype, policy)
    part = MIMEBase(maintype, subtype, policy=policy)
    part.set_payload(content if isinstance(content, bytes) else content.encode())
    encoders.encode_base64(part)
    return part


def _attachment(attachment, *, policy) -> MIMEBase:
    if not isinstance(attachment, tuple):
        raise TypeError("PortalMail attaches files given as (filename, content, mimetype), not MIME parts.")
    filename, content, mimetype = attachment
    part = _part(content, mimetype or "application/octet-stream", policy)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


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
) -> PortalMail:
    """The message `send_templated_mail` sends, for callers that send it themselves (through a
    mailer connection they keep open for a batch)."""
    language = getattr(to, "language", None) or settings.LANGUAGE_CODE
    context = {"recipient": to, "portal_url": settings.PORTAL_URL.rstrip("/"), "LANGUAGE_CODE": language, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    message = PortalMail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=text,
        to=[to.email],
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message
