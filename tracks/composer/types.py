from dataclasses import dataclass, field

#: Upper bounds (exclusive) of the municipality size classes, by population.
SIZE_BOUNDS = ((20_000, "small"), (50_000, "medium"), (100_000, "large"))


def size_class(population: int) -> str:
    for bound, name in SIZE_BOUNDS:
        if population < bound:
            return name
    return "city"


@dataclass(frozen=True)
class Applicant:
    id: int
    municipality_id: int
    province_id: int
    party: str
    population: int
    #: Place on the waiting list (earlier applications first when all else is equal).
    order: int
    #: A coordinator's adjustment: "in", "out" or "".
    pin: str = ""

    @property
    def size(self) -> str:
        return size_class(self.population)


@dataclass(frozen=True)
class Rules:
    capacity: int
    province_cap: int
    #: Municipalities where the learning manager lives, governed or declared a conflict.
    conflict_municipality_ids: frozenset[int] = frozenset()
    #: Applicants the learning manager declared a personal conflict with.
    conflict_applicant_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class Decision:
    applicant_id: int
    placed: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Proposal:
    #: One decision per applicant, in waiting-list order.
    decisions: tuple[Decision, ...]

    @property
    def placed_ids(self) -> list[int]:
        return [d.applicant_id for d in self.decisions if d.placed]

    def decision_for(self, applicant_id: int) -> Decision:
        return next(d for d in self.decisions if d.applicant_id == applicant_id)
