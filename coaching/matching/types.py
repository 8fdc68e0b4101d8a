"""Plain data in and out of the matching engine. No Django: a selector builds these."""

import math
from dataclasses import dataclass, field

BACKGROUNDS = ("ex_wethouder", "ex_burgemeester", "ex_gedeputeerde", "ex_raadslid", "other")
GENDERS = ("female", "male", "other")
#: Wishes of which at most one value makes sense (an intake cannot want both).
EXCLUSIVE_WISHES = {"political": ("same_party", "other_party"), "distance": ("nearby", "far")}


class MatchingInputError(ValueError):
    """Input the engine cannot honour without bending a rule; the message names the record."""


@dataclass(frozen=True)
class Wish:
    """What the wethouder asked for one criterion; `must` makes it a hard constraint. The values
    are the acceptable ones (any of them will do); no values is no preference, also as a must."""

    values: frozenset[str]
    must: bool = False


@dataclass(frozen=True)
class CoachData:
    id: int
    active: bool
    capacity: int
    load: int
    home_municipality: str
    lat: float
    lon: float
    governed_municipalities: frozenset[str] = frozenset()
    conflict_municipalities: frozenset[str] = frozenset()
    conflict_person_keys: frozenset[str] = frozenset()
    backgrounds: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    party: str | None = None
    gender: str | None = None
    availability: frozenset[str] = frozenset()
    observes: bool = False

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True)
class IntakeData:
    id: int
    municipality: str
    lat: float
    lon: float
    themes: frozenset[str] = frozenset()
    person_keys: frozenset[str] = frozenset()
    party: str | None = None
    excluded_coach_ids: frozenset[int] = frozenset()
    background: Wish | None = None
    gender: Wish | None = None
    political: Wish | None = None  # values {"same_party"} or {"other_party"}
    distance: Wish | None = None  # values {"nearby"} or {"far"}
    wants_observation: bool = False
    availability: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Weights:
    themes: float = 3.0
    background: float = 1.5
    distance: float = 1.0
    political: float = 1.0
    gender: float = 0.5
    observation: float = 1.0
    availability: float = 1.0
    workload: float = 1.0
    nearby_km: float = 40.0
    far_km: float = 60.0

    def __post_init__(self):
        for name in (*CRITERIA, "nearby_km", "far_km"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"weight {name} must be a finite number")
        if not math.isfinite(self.total):
            raise ValueError("the weights must add up to a finite number")
        for name in CRITERIA:
            if getattr(self, name) < 0:
                raise ValueError(f"weight {name} must not be negative")
        if self.total <= 0:
            raise ValueError("at least one weight must be positive")
        if self.nearby_km <= 0 or self.far_km <= 0:
            raise ValueError("distance thresholds must be positive")

    @property
    def total(self) -> float:
        return sum(getattr(self, name) for name in CRITERIA)


#: The score criteria, in the order explanations list them.
CRITERIA = (
    "themes",
    "background",
    "distance",
    "political",
    "gender",
    "observation",
    "availability",
    "workload",
)

#: The hard constraints, in the order an exclusion names them (the first is the main reason).
CONSTRAINTS = (
    "inactive",
    "no_capacity",
    "own_municipality",
    "governed_municipality",
    "declared_conflict",
    "previous_no_klik",
    "must_background",
    "must_gender",
    "must_political",
    "must_distance",
)


@dataclass(frozen=True)
class CriterionScore:
    code: str
    weight: float
    value: float  # 0..1
    points: float  # weight * value / total weight: the points add up to the score
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    coach_id: int
    score: float
    rank: int
    criteria: tuple[CriterionScore, ...]


@dataclass(frozen=True)
class ExclusionReason:
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Exclusion:
    coach_id: int
    reasons: tuple[ExclusionReason, ...]


@dataclass(frozen=True)
class Ranking:
    proposals: tuple[Proposal, ...]
    exclusions: tuple[Exclusion, ...]


@dataclass(frozen=True)
class Assignment:
    intake_id: int
    coach_id: int
    score: float
    criteria: tuple[CriterionScore, ...] = ()


@dataclass(frozen=True)
class Unmatched:
    intake_id: int
    reason_code: str  # "no_eligible_coach" or "capacity_exhausted"
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class WaveResult:
    assignments: tuple[Assignment, ...]
    unmatched: tuple[Unmatched, ...]
    total_score: float
