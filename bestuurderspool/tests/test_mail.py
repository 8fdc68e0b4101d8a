"""The portal's mails are built with the standard library's classic MIME classes (see
`PortalMail`): what a mail program reads back must be exactly what was rendered."""

import email
import email.policy
import smtplib

import pytest
from django.core.mail import mailers
from django.test import override_settings

from bestuurderspool.mail import PortalMail
from tests.support.smtp_sink import SmtpSink, smtp_mailers

TEXT = "Beste Eliën,\n\nUw sessie met Sjoerd de Vriés is op maandag 7 december om 10:00.\n"
HTML = "<p>Beste Eliën,</p>\n<p>Uw sessie met <b>Sjoerd de Vriés</b> is op maandag 7 december.</p>\n"
#: As icalendar writes it, with CRLF (RFC 5545).
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Sessie met Sjoerd de Vriés\r\nEND:VEVENT\r\n"
    + "END:VCALENDAR\r\n"
)


def portal_mail(**kwargs) -> PortalMail:
    defaults = {
        "subject": "[Bestuurderspool] Herinnering: één afspraak over 7 dagen",
        "body": TEXT,
        "from_email": "Bestuurderspool <noreply@bestuurderspool.nl>",
        "to": ["eline@gemeente.example"],
    }
    mail = PortalMail(**(defaults | kwargs))
    mail.attach_alternative(HTML, "text/html")
    mail.attach("afspraak.ics", ICS.encode(), "text/calendar")
    mail.extra_headers["X-Bestuurderspool-Reminder"] = "appointment_upcoming:7:42:2026-11-30"
    return mail


def read_back(mail: PortalMail) -> email.message.EmailMessage:
    raw = mail.message(policy=email.policy.SMTP).as_bytes()
    return email.message_from_bytes(raw, policy=email.policy.default)


def content(part) -> str:
    """A part's text as a mail program shows it (on the wire every line ends in CRLF)."""
    return part.get_content().replace("\r\n", "\n")


def test_a_mail_reads_back_as_it_was_rendered():
    read = read_back(portal_mail())

    assert read["Subject"] == "[Bestuurderspool] Herinnering: één afspraak over 7 dagen"
    assert read["From"] == "Bestuurderspool <noreply@bestuurderspool.nl>"
    assert read["To"] == "eline@gemeente.example"
    assert read["X-Bestuurderspool-Reminder"] == "appointment_upcoming:7:42:2026-11-30"
    assert read["Date"].datetime is not None
    assert read["Message-ID"].startswith("<")
    assert read.get_content_type() == "multipart/mixed"
    assert content(read.get_body(("plain",))) == TEXT
    assert content(read.get_body(("html",))) == HTML
    [attachment] = list(read.iter_attachments())
    assert attachment.get_filename() == "afspraak.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert content(attachment) == ICS.replace("\r\n", "\n")


def test_text_goes_as_readable_8bit_and_lines_end_as_smtp_wants():
    raw = portal_mail().message(policy=email.policy.SMTP).as_bytes()

    assert "Sjoerd de Vriés".encode() in raw  # not base64: the source of the mail is readable
    assert b"Content-Transfer-Encoding: 8bit" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_a_line_longer_than_smtp_allows_is_quoted_printable_and_reads_back_whole():
    long_text = "Lange regel: " + "één woord " * 150 + "\n"
    read = read_back(portal_mail(body=long_text))

    assert read.get_body(("plain",))["Content-Transfer-Encoding"] == "quoted-printable"
    assert content(read.get_body(("plain",))) == long_text
    raw = portal_mail(body=long_text).message(policy=email.policy.SMTP).as_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_names_and_domains_outside_ascii_are_encoded():
    read = read_back(
        portal_mail(
            from_email="Bestuurderspool Fryslân <noreply@bestuurderspool.nl>", to=["jan@gemeente-súdwest.example"]
        )
    )

    assert read["From"].addresses[0].display_name == "Bestuurderspool Fryslân"
    assert read["To"] == "jan@" + "gemeente-súdwest.example".encode("idna").decode()
    assert read["To"].isascii()


def test_a_newline_in_a_header_is_refused():
    with pytest.raises(ValueError, match="newlines"):
        portal_mail(subject="Hallo\nBcc: iedereen@example.org").message()
    mail = portal_mail()
    mail.extra_headers["X-Injected"] = "a\r\nBcc: iedereen@example.org"
    with pytest.raises(ValueError, match="newlines"):
        mail.message()


def test_extra_headers_replace_the_standard_ones_and_bcc_stays_out_of_the_headers():
    mail = portal_mail(bcc=["archief@bestuurderspool.nl"], headers={"Reply-To": "coordinatie@bestuurderspool.nl"})
    read = read_back(mail)

    assert read.get_all("Reply-To") == ["coordinatie@bestuurderspool.nl"]
    assert "Bcc" not in read
    assert "archief@bestuurderspool.nl" in mail.recipients()


def test_a_mail_without_attachments_is_just_its_two_alternatives():
    mail = PortalMail(subject="Onderwerp", body=TEXT, to=["eline@gemeente.example"])
    mail.attach_alternative(HTML, "text/html")
    read = email.message_from_bytes(mail.message().as_bytes(), policy=email.policy.default)

    assert read.get_content_type() == "multipart/alternative"
    assert content(read.get_body(("html",))) == HTML


def test_the_smtp_backend_delivers_it():
    with SmtpSink() as sink, override_settings(MAILERS=smtp_mailers(sink.port)):
        assert mailers.default.send_messages([portal_mail()]) == 1
        assert sink.received == {"appointment_upcoming:7:42:2026-11-30": 1}


def test_an_smtp_server_refusing_the_mail_raises_for_the_caller_to_retry():
    with SmtpSink() as sink, override_settings(MAILERS=smtp_mailers(sink.port)):
        sink.stall()
        sink.release()  # the stalled message is answered 451
        with pytest.raises(smtplib.SMTPDataError):
            mailers.default.send_messages([portal_mail()])


def test_a_long_subject_is_folded_and_reads_back_whole():
    subject = "[Bestuurderspool] " + " ".join(["Herinnering aan de afspraak van volgende week"] * 4)
    raw = portal_mail(subject=subject).message(policy=email.policy.SMTP).as_bytes()
    header_lines = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")

    assert max(len(line) for line in header_lines) <= 78
    assert email.message_from_bytes(raw, policy=email.policy.default)["Subject"] == subject


def test_the_smtp_backend_refuses_a_bad_address_every_time():
    """Addresses are checked once per process; a refused one is not remembered as checked."""
    with SmtpSink() as sink, override_settings(MAILERS=smtp_mailers(sink.port)):
        for _ in range(2):
            with pytest.raises(ValueError, match="Invalid address"):
                mailers.default.send_messages([portal_mail(to=["twee@adressen.example, drie@adressen.example"])])
        assert mailers.default.send_messages([portal_mail()]) == 1
        assert sink.total == 1
