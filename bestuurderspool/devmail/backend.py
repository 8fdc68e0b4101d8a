"""An email backend for development: each message is written to its own .eml file in a folder
shared by the web, worker and beat processes of `make run`, and announced on the console with
the address of the page that shows it."""

import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

#: A stored mail's name: its moment (sorts by time) and a random suffix (two at once differ).
NAME_PATTERN = r"[0-9]{8}-[0-9]{6}-[0-9]{6}-[0-9a-f]{8}"


class EmailBackend(BaseEmailBackend):
    def __init__(self, *, directory, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.directory = Path(directory)
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages):
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = self._store(message.message().as_bytes())
            url = settings.PORTAL_URL.rstrip("/") + reverse("dev_mail_detail", args=[name])
            self.stream.write(f"Mail to {', '.join(message.recipients())}: {message.subject}\n  {url}\n")
            self.stream.flush()
        return len(email_messages)

    def _store(self, content: bytes) -> str:
        name = f"{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-{secrets.token_hex(4)}"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(content)
        partial.rename(self.directory / f"{name}.eml")  # readers never see half a message
        return name
