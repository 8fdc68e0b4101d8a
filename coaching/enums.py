"""The coaching's own states and kinds: matches, trajectories, appointments, evaluations. The
vocabulary that the intake and the pool share (themes, backgrounds, wishes) lives in
`intake.enums`, the lower app, and is re-exported here for the coaching code."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.enums import (  # noqa: F401 (re-exported)
    Background,
    DayPart,
    DistanceWish,
    Gender,
    MeetingPlace,
    ObservationSetting,
    PoliticalWish,
    Theme,
)


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved, waiting for the coach")
    ACCEPTED = "accepted", _("Accepted by the coach")
    KENNISMAKING_PLANNED = "kennismaking_planned", _("First meeting planned")
    KLIK = "klik", _("Klik: trajectory")
    NO_KLIK = "no_klik", _("No klik")
    DECLINED = "declined", _("Declined by the coach")
    EXPIRED = "expired", _("No answer from the coach in time")
    CANCELLED = "cancelled", _("Cancelled")
    ENDED = "ended", _("Trajectory ended")
    SWITCHED = "switched", _("Trajectory switched to another coach")


#: Match states in which coach and wethouder know each other and see each other's contact
#: details: from the coach's acceptance until the match closes.
ACQUAINTED_STATES = (MatchState.ACCEPTED, MatchState.KENNISMAKING_PLANNED, MatchState.KLIK)


class MatchEventAction(models.TextChoices):
    """What a `MatchEvent` records, in words for the coordinators' history of a match."""

    PROPOSED = "proposed", _("Proposed")
    SUPERSEDED = "superseded", _("Proposal replaced by another")
    APPROVED = "approved", _("Approved; the coach is asked")
    CHOSEN = "chosen", _("Chosen by a coordinator instead of the ranking")
    ACCEPTED = "accepted", _("Accepted by the coach")
    DECLINED = "declined", _("Declined by the coach")
    EXPIRED = "expired", _("No answer from the coach in time")
    KENNISMAKING_PLANNED = "kennismaking_planned", _("First meeting planned")
    KLIK_ANSWERED_BY_COACH = "klik_answered_by_coach", _("The coach answered the klik question")
    KLIK_ANSWERED_BY_WETHOUDER = "klik_answered_by_wethouder", _("The wethouder answered the klik question")
    KLIK = "klik", _("Klik: the trajectory starts")
    NO_KLIK = "no_klik", _("No klik")
    CANCELLED = "cancelled", _("Cancelled")
    ENDED = "ended", _("Trajectory ended")
    SWITCHED = "switched", _("Trajectory switched to another coach")


#: Notes the portal itself writes on an event, in words.
MATCH_EVENT_NOTES = {"intake withdrawn": _("the intake was withdrawn")}


class MatchSource(models.TextChoices):
    ENGINE = "engine", _("Proposed by the matching engine")
    OVERRIDE = "override", _("Chosen by a coordinator")
    WAVE = "wave", _("Proposed in a wave")


class TrajectoryState(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped early")
    SWITCHED = "switched", _("Switched to another coach")


class AppointmentKind(models.TextChoices):
    SESSION = "session", _("Coaching session")
    OBSERVATION = "observation", _("Observation")
    INTERIM_EVALUATION = "interim_evaluation", _("Interim evaluation")
    FINAL_EVALUATION = "final_evaluation", _("Closing conversation")


class AppointmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the wethouder")
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class AppointmentAction(models.TextChoices):
    """What an appointment's history (`AppointmentChange`) records, in words for coach and
    wethouder."""

    RESCHEDULED = "rescheduled", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")
    PROPOSED = "proposed", _("Proposed as an extra appointment")
    AGREED = "agreed", _("Extra appointment agreed")
    DECLINED = "declined", _("Extra appointment declined")
    LOGGED = "logged", _("Logged")
    LOG_EDITED = "log_edited", _("Log changed")


class MoveProposalStatus(models.TextChoices):
    """A wethouder's proposal to move an appointment; the coach answers it."""

    OPEN = "open", _("Waiting for the coach")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    OVERTAKEN = "overtaken", _("Overtaken: the appointment changed otherwise")


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class EvaluationKind(models.TextChoices):
    INTERIM = "interim", _("Interim evaluation")
    FINAL = "final", _("Closing evaluation")
