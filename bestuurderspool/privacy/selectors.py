"""Reads of the privacy pages: the audit trail with its filters, the erasure requests, and
everything the portal holds about one wethouder (their right of access, AVG art. 15 and 20).
The intake, coaching and the apps above them add their records through `registry`."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bestuurderspool.notifications.models import Reminder

from .models import AuditEvent, ErasureRequest
from .registry import PERSONAL_DATA_SECTIONS, DataSection


def audit_events(*, actor=None, action="", start=None, end=None, record_type="", record_id=None, person=None):
    """The audit trail, newest first, filtered; `start`/`end` are dates (inclusive)."""
    events = AuditEvent.objects.select_related("actor", "person")
    filters = {
        "actor__email__iexact": actor or None,
        "action": action or None,
        "at__date__gte": start,
        "at__date__lte": end,
        "record_type": record_type or None,
        "record_id": record_id,
        "person": person,
    }
    return events.filter(**{key: value for key, value in filters.items() if value is not None})


def erasure_requests():
    """Open requests first, the earliest deadline first; then the ones carried out."""
    return ErasureRequest.objects.select_related("user", "carried_out_by").order_by("-state", "due_on", "pk")


# --- The wethouder's data ------------------------------------------------------------------------


@dataclass
class DataRecord:
    """One record of the export: its kind, its fields (name, label, value) and what it holds."""

    kind: str
    title: str
    fields: list[tuple[str, str, object]]
    children: list["DataRecord"] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[str, str]]:
        """The fields as a person reads them."""
        return [(label, _display(value)) for _name, label, value in self.fields]

    def as_json(self) -> dict:
        data = {name: _json_value(value) for name, _label, value in self.fields}
        for child in self.children:
            data.setdefault(child.kind, []).append(child.as_json())
        return data


def _display(value) -> str:
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    return str(value)


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


#: Labels for the fields whose model gives none a reader would understand (the apps add their
#: own through `record_of`).
LABELS = {
    "state": _("state"),
    "created_at": _("started on"),
    "submitted_at": _("submitted on"),
    "withdrawn_at": _("withdrawn on"),
    "kind": _("kind"),
}


def _label(model_field, labels) -> str:
    return str(labels.get(model_field.name) or LABELS.get(model_field.name, model_field.verbose_name))


def record_of(obj, names, *, children=(), labels=None) -> DataRecord:
    """The export's record of `obj` with the fields `names`: a choice by its label, each field
    named by `labels`, `LABELS` or else its verbose name."""
    fields = []
    for name in names:
        model_field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if model_field.choices and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        fields.append((name, _label(model_field, labels or {}), value))
    return DataRecord(obj._meta.model_name, str(obj._meta.verbose_name), fields, list(children))


ACCOUNT = ["email", "first_name", "last_name", "role", "language", "date_joined", "last_login"]
REMINDER = ["kind", "due_at", "sent_at"]
ERASURE = ["requested_at", "due_on", "carried_out_at"]


def _account(user) -> list[DataRecord]:
    return [record_of(user, ACCOUNT)]


def _reminders(user) -> list[DataRecord]:
    return [record_of(reminder, REMINDER) for reminder in Reminder.objects.filter(user=user).order_by("due_at")]


def _erasures(user) -> list[DataRecord]:
    return [record_of(erasure, ERASURE) for erasure in ErasureRequest.objects.filter(user=user)]


#: Privacy's own sections, between the registered ones (see `registry` for the orders).
OWN_SECTIONS = [DataSection(0, _account), DataSection(40, _reminders), DataSection(50, _erasures)]


def personal_data(user) -> list[DataRecord]:
    """Everything the portal holds about `user`, in a fixed number of queries, section by section
    in their order. The coach's private working notes are not included, nor even read (README,
    "Privacy")."""
    sections = sorted([*OWN_SECTIONS, *PERSONAL_DATA_SECTIONS], key=lambda section: section.order)
    return [record for section in sections for record in section.records(user)]


def export_filename(extension: str) -> str:
    return f"bestuurderspool-gegevens-{timezone.localdate():%Y-%m-%d}.{extension}"
