"""Coaching's part in the wethouder's AVG rights and in the retention, registered with the
privacy app when the app starts (`apps.py`; the orders are listed in
`bestuurderspool/privacy/registry.py`): matches, trajectories and requests in the data download;
at an erasure, the confidential texts go and the figures stay, and it waits while a match or
trajectory runs; a matched intake whose trajectory has not started is withdrawn with the
consent; and the periods of the trajectories' texts and of a matched intake's answers.

The coach's private working notes are never in the download, nor even read (README, "Privacy").
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, Max, OuterRef, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bestuurderspool.privacy import registry
from bestuurderspool.privacy.selectors import DataRecord, record_of
from bestuurderspool.privacy.services.erasure import rename_admin_log
from intake.enums import IntakeState
from intake.models import Intake
from intake.services import withdraw_intake

from .enums import TrajectoryState
from .models import (
    Appointment,
    AppointmentChange,
    AppointmentMoveProposal,
    AppointmentReport,
    CalendarFeed,
    CoachChangeRequest,
    Evaluation,
    ExtensionRequest,
    Match,
    MatchEvent,
    Trajectory,
)

# --- The data download --------------------------------------------------------------------------

#: Labels for the fields whose model gives none a reader would understand.
LABELS = {
    "coach": gettext_lazy("coach"),
    "proposed_at": gettext_lazy("proposed on"),
    "accepted_at": gettext_lazy("accepted by the coach on"),
    "wethouder_klik": gettext_lazy("your answer: klik"),
    "ended_at": gettext_lazy("ended on"),
}
MATCH = ["coach", "state", "proposed_at", "accepted_at", "kennismaking_at", "kennismaking_location", "wethouder_klik"]
TRAJECTORY = ["coach", "state", "klik_on", "planned_sessions", "planned_months", "ends_on", "ended_at", "end_reason"]
APPOINTMENT = [
    "kind", "status", "extra", "on", "start_time", "duration_minutes", "location", "setting", "occasion", "held_at",
    "held_minutes", "mode", "themes",
]  # fmt: skip
SHARED_REPORT = ["shared_summary", "observed", "feedback"]
EVALUATION = ["kind", "usefulness", "klik", "change", "what_changed", "share_with_coach", "submitted_at"]
EXTENSION = ["requested_at", "months", "sessions", "agreed", "answered_at"]
COACH_CHANGE = ["requested_at", "reason", "handled_at"]
MOVE = ["created_at", "on", "start_time", "location", "reason", "status", "answered_at", "answer_note"]


def matches_and_trajectories(user) -> list[DataRecord]:
    """The wethouder's matches, then their trajectories with appointments (and what the coach
    shared of them) and evaluations."""
    matches = Match.objects.filter(wethouder=user).select_related("coach").order_by("proposed_at")
    records = [record_of(match, MATCH, labels=LABELS) for match in matches]
    return records + [_trajectory_record(trajectory) for trajectory in _trajectories(user)]


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
    children += [record_of(evaluation, EVALUATION) for evaluation in trajectory.evaluations.all()]
    return record_of(trajectory, TRAJECTORY, children=children, labels=LABELS)


def _appointment_record(appointment) -> DataRecord:
    record = record_of(appointment, APPOINTMENT)
    report = getattr(appointment, "report", None)
    if report is not None:
        record.children.append(record_of(report, SHARED_REPORT))
    return record


def requests(user) -> list[DataRecord]:
    """What the wethouder asked of their trajectories: more time, another coach, another date."""
    records = [record_of(r, EXTENSION) for r in ExtensionRequest.objects.filter(trajectory__wethouder=user)]
    records += [record_of(r, COACH_CHANGE) for r in CoachChangeRequest.objects.filter(trajectory__wethouder=user)]
    moves = AppointmentMoveProposal.objects.filter(appointment__trajectory__wethouder=user).order_by("created_at")
    return records + [record_of(r, MOVE) for r in moves]


# --- The trajectories' confidential texts (erasure and retention) -------------------------------

#: Functions `(trajectories) -> None` by which apps built on top of coaching remove their own
#: confidential texts of trajectories (registered in their AppConfig.ready()).
TRAJECTORY_SCRUBBERS: list = []


def scrub_trajectory_texts(trajectories) -> None:
    """Delete the coach's reports (notes, summaries, observations), the wethouder's requests for
    another coach, and what other apps registered; empty the evaluations' free text of
    `trajectories` (a queryset). The scales and dates stay."""
    AppointmentReport.objects.filter(appointment__trajectory__in=trajectories).delete()
    Evaluation.objects.filter(trajectory__in=trajectories).exclude(what_changed="").update(what_changed="")
    CoachChangeRequest.objects.filter(trajectory__in=trajectories).delete()
    for scrub in TRAJECTORY_SCRUBBERS:
        scrub(trajectories)


# --- Erasure -------------------------------------------------------------------------------------


def refuse_while_active(user) -> None:
    if (
        Trajectory.objects.active().filter(wethouder=user).exists()
        or Match.objects.active().filter(wethouder=user).exists()
    ):
        raise ValidationError(
            _("This wethouder still has an active match or trajectory: end it first, then carry out the erasure."),
            code="active",
        )


def erase(user, *, by) -> None:
    """The texts of the wethouder's trajectories and matches go, and their calendar feed; the
    rows with their states, dates and themes, and the evaluations' scales, stay for the figures."""
    trajectories = Trajectory.objects.filter(wethouder=user)
    scrub_trajectory_texts(trajectories)
    trajectories.update(end_reason="")
    Appointment.objects.filter(trajectory__in=trajectories).update(location="", occasion="")
    AppointmentChange.objects.filter(appointment__trajectory__in=trajectories).update(reason="")
    AppointmentMoveProposal.objects.filter(appointment__trajectory__in=trajectories).update(
        reason="", answer_note="", location=""
    )
    matches = Match.objects.filter(wethouder=user)
    matches.update(override_reason="", decline_reason="", kennismaking_location="", explanation=[])
    MatchEvent.objects.filter(match__in=matches).update(note="")
    CalendarFeed.objects.filter(user=user).delete()
    rename_admin_log(Match, list(matches.values_list("pk", flat=True)))
    rename_admin_log(Trajectory, list(trajectories.values_list("pk", flat=True)))


# --- Withdrawing consent ------------------------------------------------------------------------


def withdraw_matched_intake(user) -> bool:
    """A matched intake is still being matched while its match is made but no trajectory has
    started: it is withdrawn (its match ends). One whose trajectory runs or ended stays as it is."""
    intake = Intake.objects.open().filter(wethouder=user, state=IntakeState.MATCHED).first()
    if intake is None or Trajectory.objects.active().filter(wethouder_id=user.pk).exists():
        return False
    if not Match.objects.active().filter(intake=intake).exists():
        return False
    withdraw_intake(intake, by=user)
    return True


# --- Retention -----------------------------------------------------------------------------------


def _days_ago(days: int, now) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def holding_texts():
    """Trajectories that still hold a report or an evaluation text."""
    has_texts = Exists(AppointmentReport.objects.filter(appointment__trajectory=OuterRef("pk"))) | Exists(
        Evaluation.objects.filter(trajectory=OuterRef("pk")).exclude(what_changed="")
    )
    return Trajectory.objects.filter(has_texts)


def ended_past_period(now):
    """The reports and evaluation texts: `RETENTION_TRAJECTORY_TEXTS_DAYS` after the trajectory ended."""
    cutoff = _days_ago(settings.RETENTION_TRAJECTORY_TEXTS_DAYS, now)
    return Trajectory.objects.exclude(state=TrajectoryState.ACTIVE).filter(ended_at__lt=cutoff)


def matched_intakes_past_period(now):
    """A matched intake's answers, notes and adjustments: `RETENTION_INTAKE_ANSWERS_DAYS` after
    the last trajectory that came from it ended (a coach switch needs the wishes until then)."""
    active = Trajectory.objects.filter(match__intake=OuterRef("pk"), state=TrajectoryState.ACTIVE)
    return (
        Intake.objects.filter(state=IntakeState.MATCHED)
        .annotate(last_end=Max("matches__trajectory__ended_at"))
        .filter(~Exists(active), last_end__lt=_days_ago(settings.RETENTION_INTAKE_ANSWERS_DAYS, now))
    )


def register() -> None:
    registry.add_personal_data(matches_and_trajectories, order=20)
    registry.add_personal_data(requests, order=60)
    registry.add_erasure_check(refuse_while_active)
    registry.add_eraser(erase, order=20)
    registry.add_consent_step(withdraw_matched_intake, order=20)
    registry.add_retention_rule(
        Trajectory,
        order=10,
        summary="confidential texts of {count} trajectories: {ids}",
        holding=holding_texts,
        purge=scrub_trajectory_texts,
    )
    registry.add_retention_period(Trajectory, ended_past_period)
    registry.add_retention_period(Intake, matched_intakes_past_period)
