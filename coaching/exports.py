"""Reporting exports: intakes, matches, trajectories and evaluations for a period, as CSV or
Excel, one row per object.

What leaves the portal is facts about the process only: states, dates, waiting times in days,
municipality and province, counts of sessions and observations, evaluation scales. Never the
confidential content (intake answers, conversation notes, reports, summaries, evaluation text,
reasons, political wishes) and no names: each export is built from `values_list` over the columns
named here, so a text field can only appear by being added to a list below.

Rows are read in chunks (`iterator`) and written as they come: a CSV is streamed to the client,
an Excel file is written by openpyxl's write-only mode (rows are not kept in memory).
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from bestuurderspool.spreadsheet_cells import neutralise
from intake.enums import IntakeState
from intake.models import Intake

from .enums import AppointmentKind, AppointmentStatus
from .models import Evaluation, Match, Trajectory
from .selectors.trajectories import with_flags

CHUNK = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """The period as moments in the portal's time zone: from the start's midnight up to (not
        including) the midnight after the end."""
        tz = timezone.get_current_timezone()
        after = self.end + timedelta(days=1)
        return datetime.combine(self.start, time.min, tzinfo=tz), datetime.combine(after, time.min, tzinfo=tz)


@dataclass(frozen=True)
class Export:
    label: str
    columns: list[str]
    rows: Callable[[Period], Iterable[tuple]]


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _days(start, end):
    """Whole days from `start` to `end` (dates or moments), or None when either is missing."""
    start = _day(start) if isinstance(start, datetime) else start
    end = _day(end) if isinstance(end, datetime) else end
    return (end - start).days if start and end else None


def _in(period: Period, field: str) -> Q:
    first, after = period.bounds
    return Q(**{f"{field}__gte": first, f"{field}__lt": after})


# --- Intakes --------------------------------------------------------------------------------------


def _transition(state: str) -> Min:
    return Min("transitions__at", filter=Q(transitions__to_state=state))


def intake_rows(period: Period) -> Iterator[tuple]:
    """Intakes for a coach submitted in the period (drafts and BLOT-only ones never), with the
    moment each step was reached."""
    intakes = (
        Intake.objects.wants_coach()
        .exclude(state=IntakeState.DRAFT)
        .filter(_in(period, "submitted_at"))
        .annotate(ready_at=_transition(IntakeState.READY_FOR_MATCHING), matched_at=_transition(IntakeState.MATCHED))
        .order_by("submitted_at", "pk")
        .values_list(
            "pk",
            "state",
            "submitted_at",
            "conversation__planned_at",
            "conversation__held_at",
            "ready_at",
            "matched_at",
            "withdrawn_at",
            "municipality__name",
            "municipality__province__name",
        )
    )
    for pk, state, submitted, planned, held, ready, matched, withdrawn, municipality, province in intakes.iterator(
        chunk_size=CHUNK
    ):
        yield (
            pk,
            state,
            _day(submitted),
            _day(planned),
            _day(held),
            _day(ready),
            _day(matched),
            _day(withdrawn),
            _days(submitted, held),
            _days(held, ready),
            _days(ready, matched),
            _days(submitted, matched),
            municipality,
            province,
        )


INTAKES = Export(
    _("Intakes"),
    [
        "intake",
        "state",
        "submitted_on",
        "conversation_planned_on",
        "conversation_held_on",
        "ready_on",
        "matched_on",
        "withdrawn_on",
        "days_submitted_to_conversation",
        "days_conversation_to_ready",
        "days_ready_to_matched",
        "days_submitted_to_matched",
        "municipality",
        "province",
    ],
    intake_rows,
)


# --- Matches --------------------------------------------------------------------------------------


def match_rows(period: Period) -> Iterator[tuple]:
    """Matches proposed in the period: how far each got and how long each step took."""
    matches = (
        Match.objects.filter(_in(period, "proposed_at"))
        .order_by("proposed_at", "pk")
        .values_list(
            "pk",
            "intake_id",
            "state",
            "source",
            "proposed_at",
            "approved_at",
            "accepted_at",
            "declined_at",
            "kennismaking_at",
            "closed_at",
            "intake__municipality__name",
            "intake__municipality__province__name",
        )
    )
    for row in matches.iterator(chunk_size=CHUNK):
        pk, intake, state, source, proposed, approved, accepted, declined, kennismaking, closed, *place = row
        yield (
            pk,
            intake,
            state,
            source,
            *(_day(moment) for moment in (proposed, approved, accepted, declined, kennismaking, closed)),
            _days(proposed, approved),
            _days(approved, accepted or declined),
            _days(accepted, kennismaking),
            *place,
        )


MATCHES = Export(
    _("Matches"),
    [
        "match",
        "intake",
        "state",
        "source",
        "proposed_on",
        "approved_on",
        "accepted_on",
        "declined_on",
        "kennismaking_on",
        "closed_on",
        "days_proposed_to_approved",
        "days_approved_to_answer",
        "days_accepted_to_kennismaking",
        "municipality",
        "province",
    ],
    match_rows,
)


# --- Trajectories ---------------------------------------------------------------------------------

_HELD = Q(appointments__status=AppointmentStatus.HELD)


def trajectory_rows(period: Period) -> Iterator[tuple]:
    """Trajectories running at some time in the period (started on or before its end, not ended
    before its start), with sessions and observations held and today's flags."""
    first, _after = period.bounds
    trajectories = (
        Trajectory.objects.filter(klik_on__lte=period.end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=first))
        .annotate(
            observations_held=Count("appointments", filter=_HELD & Q(appointments__kind=AppointmentKind.OBSERVATION))
        )
    )
    trajectories = with_flags(trajectories, timezone.localdate()).order_by("klik_on", "pk")
    rows = trajectories.values_list(
        "pk",
        "match_id",
        "state",
        "klik_on",
        "ends_on",
        "ended_at",
        "planned_sessions",
        "planned_months",
        "sessions_held",
        "observations_held",
        "last_held",
        "behind",
        "quiet",
        "match__intake__municipality__name",
        "match__intake__municipality__province__name",
    )
    for row in rows.iterator(chunk_size=CHUNK):
        yield (*row[:5], _day(row[5]), *row[6:])  # the end as a day, like every other date


TRAJECTORIES = Export(
    _("Trajectories"),
    [
        "trajectory",
        "match",
        "state",
        "klik_on",
        "planned_end",
        "ended_on",
        "planned_sessions",
        "planned_months",
        "sessions_held",
        "observations_held",
        "last_session_on",
        "behind_plan",
        "no_session_8_weeks",
        "municipality",
        "province",
    ],
    trajectory_rows,
)


# --- Evaluations ----------------------------------------------------------------------------------


def evaluation_rows(period: Period) -> Iterator[tuple]:
    """Evaluations submitted in the period: the three scales only, never the text."""
    evaluations = (
        Evaluation.objects.filter(_in(period, "submitted_at"))
        .order_by("submitted_at", "pk")
        .values_list(
            "pk",
            "trajectory_id",
            "kind",
            "submitted_at",
            "usefulness",
            "klik",
            "change",
            "trajectory__match__intake__municipality__name",
            "trajectory__match__intake__municipality__province__name",
        )
    )
    for pk, trajectory, kind, submitted, *rest in evaluations.iterator(chunk_size=CHUNK):
        yield (pk, trajectory, kind, _day(submitted), *rest)


EVALUATIONS = Export(
    _("Evaluations"),
    ["evaluation", "trajectory", "kind", "submitted_on", "usefulness", "klik", "change", "municipality", "province"],
    evaluation_rows,
)

EXPORTS = {"intakes": INTAKES, "matches": MATCHES, "trajectories": TRAJECTORIES, "evaluations": EVALUATIONS}


# --- Writers --------------------------------------------------------------------------------------


def _cells(row: tuple) -> list:
    return [neutralise(value) for value in row]


class _Line:
    """A file-like object that hands back what the csv writer writes (for streaming)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(export: Export, period: Period) -> Iterator[str]:
    """The export as CSV lines, for a streaming response. Starts with a byte order mark, so
    spreadsheet programs read it as UTF-8."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(export.columns)
    for row in export.rows(period):
        yield writer.writerow([("" if value is None else value) for value in _cells(row)])


def xlsx_file(export: Export, period: Period):
    """The export as an Excel workbook in a temporary file (rewound), written row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(export.label)[:31])
    sheet.append(export.columns)
    for row in export.rows(period):
        sheet.append(_cells(row))
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (handed to the response)
    workbook.save(output)
    output.seek(0)
    return output
