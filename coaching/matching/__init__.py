"""The matching engine: plain data in (coaches, intakes, weights), ranked and explained
proposals out. No Django, ORM, HTTP or Celery here; `coaching.selectors.matching` loads the data."""

from .engine import rank, solve_wave
from .types import (
    CONSTRAINTS,
    CRITERIA,
    Assignment,
    CoachData,
    CriterionScore,
    Exclusion,
    ExclusionReason,
    IntakeData,
    MatchingInputError,
    Proposal,
    Ranking,
    Unmatched,
    WaveResult,
    Weights,
    Wish,
)

__all__ = [
    "CONSTRAINTS",
    "CRITERIA",
    "Assignment",
    "CoachData",
    "CriterionScore",
    "Exclusion",
    "ExclusionReason",
    "IntakeData",
    "MatchingInputError",
    "Proposal",
    "Ranking",
    "Unmatched",
    "WaveResult",
    "Weights",
    "Wish",
    "rank",
    "solve_wave",
]
