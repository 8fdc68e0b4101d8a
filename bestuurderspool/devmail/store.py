"""Reading the mails the development backend stored (backend.py)."""

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

from .backend import NAME_PATTERN

#: The newest mails the list shows; older ones stay on disk until `make clean`.
LIST_LIMIT = 200


@dataclass(frozen=True)
class StoredMail:
    name: str
    subject: str
    sender: str
    to: str
    date: datetime | None
    text: str
    html: str
    attachments: tuple[str, ...]


def mail_directory() -> Path:
    return Path(settings.MAILERS["default"].get("OPTIONS", {}).get("directory", settings.VAR_DIR / "mail"))


def stored_mails(directory: Path) -> list[StoredMail]:
    """The newest stored mails first."""
    paths = sorted(directory.glob("*.eml"), reverse=True)[:LIST_LIMIT] if directory.is_dir() else []
    return [_read(path) for path in paths]


def stored_mail(directory: Path, name: str) -> StoredMail | None:
    """One stored mail by name; None for a name that is not one (never a path outside)."""
    path = directory / f"{name}.eml"
    if not re.fullmatch(NAME_PATTERN, name) or not path.is_file():
        return None
    return _read(path)


def _read(path: Path) -> StoredMail:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return StoredMail(
        name=path.stem,
        subject=str(message["Subject"] or ""),
        sender=str(message["From"] or ""),
        to=str(message["To"] or ""),
        date=message["Date"].datetime if message["Date"] else None,
        text=_content(message, "plain"),
        html=_content(message, "html"),
        attachments=tuple(part.get_filename() or "" for part in message.iter_attachments()),
    )


def _content(message, subtype: str) -> str:
    body = message.get_body(preferencelist=(subtype,))
    return body.get_content() if body is not None and body.get_content_subtype() == subtype else ""
