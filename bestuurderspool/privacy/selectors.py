"""Reads of the privacy pages: the audit trail with its filters, the erasure requests, and
everything the portal holds about one wethouder (their right of access, AVG art. 15 and 20)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bestuurderspool.notifications.models import Reminder
from coaching.models import Appointment, AppointmentReport, CoachChangeRequest, ExtensionRequest, Match, Trajectory
from intake.display import LIST_CHOICES, adjustment_rows
from intake.models import Intake, WishAdjustment

from .models import AuditEvent, ErasureRequest


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


#: Labels for the fields whose model gives none a reader would understand.
LABELS = {
    "state": _("state"),
    "created_at": _("started on"),
    "submitted_at": _("submitted on"),
    "withdrawn_at": _("withdrawn on"),
    "partner_frameworks": _("partner role: clear frameworks"),
    "partner_process": _("partner role: a clear process"),
    "partner_dialogue": _("partner role: dialogue as a habit"),
    "partner_feedback": _("partner role: feedback to stay sharp"),
    "wish_backgrounds_must": _("preferred background is a must"),
    "wish_gender_must": _("preferred gender is a must"),
    "wish_political_must": _("political affinity is a must"),
    "wish_distance_must": _("distance is a must"),
    "field": _("wish"),
    "old_value": _("before"),
    "new_value": _("after"),
    "made_at": _("changed on"),
    "coach": _("coach"),
    "proposed_at": _("proposed on"),
    "accepted_at": _("accepted by the coach on"),
    "wethouder_klik": _("your answer: klik"),
    "ended_at": _("ended on"),
    "kind": _("kind"),
    "track": _("group track"),
    "applied_at": _("applied on"),
    "session": _("session"),
}


def _label(model_field) -> str:
    return str(LABELS.get(model_field.name, model_field.verbose_name))


def record_of(obj, names, *, children=()) -> DataRecord:
    """The export's record of `obj` with the fields `names` (for the sections other apps add)."""
    return _record(obj, names, children=children)


def _record(obj, names, *, children=()) -> DataRecord:
    fields = []
    for name in names:
        model_field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if model_field.choices and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        fields.append((name, _label(model_field), value))
    return DataRecord(obj._meta.model_name, str(obj._meta.verbose_name), fields, list(children))


ACCOUNT = ["email", "first_name", "last_name", "role", "language", "date_joined", "last_login"]
INTAKE = [
    "state", "created_at", "submitted_at", "consent_given_at", "withdrawn_at", "phone", "municipality", "portfolio",
    "party", "local_party", "installed_on", "first_term", "earlier_roles", "themes", "question", "hardest_role",
    "partner_frameworks", "partner_process", "partner_dialogue", "partner_feedback", "wish_backgrounds",
    "wish_backgrounds_must", "wish_gender", "wish_gender_must", "wish_political", "wish_political_must",
    "wish_distance", "wish_distance_must", "wants_observation", "observation_settings", "availability",
    "meeting_places", "preferred_sessions", "preferred_months",
]  # fmt: skip
CONVERSATION = ["planned_at", "mode", "location", "held_at", "notes"]
ADJUSTMENT = ["field", "old_value", "new_value", "reason", "made_at"]
MATCH = ["coach", "state", "proposed_at", "accepted_at", "kennismaking_at", "kennismaking_location", "wethouder_klik"]
TRAJECTORY = ["coach", "state", "klik_on", "planned_sessions", "planned_months", "ends_on", "ended_at", "end_reason"]
APPOINTMENT = [
    "kind", "status", "extra", "on", "start_time", "duration_minutes", "location", "setting", "occasion", "held_at",
    "held_minutes", "mode", "themes",
]  # fmt: skip
SHARED_REPORT = ["shared_summary", "observed", "feedback"]
EVALUATION = ["kind", "usefulness", "klik", "change", "what_changed", "share_with_coach", "submitted_at"]
REMINDER = ["kind", "due_at", "sent_at"]
ERASURE = ["requested_at", "due_on", "carried_out_at"]
EXTENSION = ["requested_at", "months", "sessions", "agreed", "answered_at"]
COACH_CHANGE = ["requested_at", "reason", "handled_at"]

#: Functions `(user) -> list[DataRecord]` by which apps built on top of coaching add their own
#: records of the user to the export (registered in their AppConfig.ready()).
PERSONAL_DATA_SECTIONS: list = []


def personal_data(user) -> list[DataRecord]:
    """Everything the portal holds about `user`, in a fixed number of queries. The coach's
    private working notes are not included, nor even read (README, "Privacy")."""
    records = [_record(user, ACCOUNT)]
    records += [_intake_record(intake) for intake in _intakes(user)]
    matches = Match.objects.filter(wethouder=user).select_related("coach").order_by("proposed_at")
    records += [_record(match, MATCH) for match in matches]
    records += [_trajectory_record(trajectory) for trajectory in _trajectories(user)]
    records += [_record(reminder, REMINDER) for reminder in Reminder.objects.filter(user=user).order_by("due_at")]
    records += [_record(erasure, ERASURE) for erasure in ErasureRequest.objects.filter(user=user)]
    records += [_record(r, EXTENSION) for r in ExtensionRequest.objects.filter(trajectory__wethouder=user)]
    records += [_record(r, COACH_CHANGE) for r in CoachChangeRequest.objects.filter(trajectory__wethouder=user)]
    for section in PERSONAL_DATA_SECTIONS:
        records += section(user)
    return records


def _intakes(user):
    return (
        Intake.objects.filter(wethouder=user)
        .select_related("municipality", "party", "conversation")
        .prefetch_related("adjustments")
        .order_by("created_at")
    )


def _intake_record(intake) -> DataRecord:
    """The intake in the words the wethouder read: list answers by their labels, and each
    coordinator's adjustment with its question and answers in words."""
    adjustments = [
        DataRecord(
            "wishadjustment",
            str(WishAdjustment._meta.verbose_name),
            [
                ("field", str(LABELS["field"]), row["label"]),
                ("old_value", str(LABELS["old_value"]), row["old"]),
                ("new_value", str(LABELS["new_value"]), row["new"]),
                ("reason", str(WishAdjustment._meta.get_field("reason").verbose_name), row["adjustment"].reason),
                ("made_at", str(LABELS["made_at"]), row["adjustment"].made_at),
            ],
        )
        for row in adjustment_rows(intake, intake.adjustments.all())
    ]
    conversation = getattr(intake, "conversation", None)
    children = ([_record(conversation, CONVERSATION)] if conversation is not None else []) + adjustments
    record = _record(intake, INTAKE, children=children)
    record.fields = [(name, label, _choice_labels(name, value)) for name, label, value in record.fields]
    return record


def _choice_labels(name: str, value):
    """A list answer (themes, day parts, places) by its labels, as the intake showed them."""
    if name not in LIST_CHOICES or not isinstance(value, list):
        return value
    labels = dict(LIST_CHOICES[name].choices)
    return [str(labels.get(code, code)) for code in value]


def _trajectories(user):
    reports = AppointmentReport.objects.defer("private_notes")
    appointments = Appointment.objects.prefetch_related(Prefetch("report", queryset=reports))
    return (
        Trajectory.objects.filter(wethouder=user)
        .select_related("coach")
        .prefetch_related(Prefetch("appointments", queryset=appointments), "evaluations")
        .order_by("klik_on")
    )


def _trajectory_record(trajectory) -> DataRecord:
    children = [_appointment_record(appointment) for appointment in trajectory.appointments.all()]
    children += [_record(evaluation, EVALUATION) for evaluation in trajectory.evaluations.all()]
    return _record(trajectory, TRAJECTORY, children=children)


def _appointment_record(appointment) -> DataRecord:
    record = _record(appointment, APPOINTMENT)
    report = getattr(appointment, "report", None)
    if report is not None:
        record.children.append(_record(report, SHARED_REPORT))
    return record


def export_filename(extension: str) -> str:
    return f"bestuurderspool-gegevens-{timezone.localdate():%Y-%m-%d}.{extension}"
