"""The coaching app's models: the pool, the matching, and the trajectories that follow a klik."""

from .matching import Match, MatchEvent, MatchingWeights, Wave, WaveUnmatched
from .pool import (
    ACTIVE_MATCH_STATES,
    LONG_TEXT_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    CoachProfile,
    CoachProfileQuerySet,
    CoachStatus,
    ConflictOfInterest,
    FormerRole,
    PoolImport,
)
from .trajectory import (
    Appointment,
    AppointmentChange,
    AppointmentMoveProposal,
    AppointmentReport,
    CalendarFeed,
    CoachChangeRequest,
    Evaluation,
    ExtensionRequest,
    Trajectory,
)

__all__ = [
    "ACTIVE_MATCH_STATES",
    "LONG_TEXT_MAX_LENGTH",
    "SHORT_TEXT_MAX_LENGTH",
    "Appointment",
    "AppointmentChange",
    "AppointmentMoveProposal",
    "AppointmentReport",
    "CalendarFeed",
    "CoachChangeRequest",
    "CoachProfile",
    "CoachProfileQuerySet",
    "CoachStatus",
    "ConflictOfInterest",
    "Evaluation",
    "ExtensionRequest",
    "FormerRole",
    "Match",
    "MatchEvent",
    "MatchingWeights",
    "PoolImport",
    "Trajectory",
    "Wave",
    "WaveUnmatched",
]
