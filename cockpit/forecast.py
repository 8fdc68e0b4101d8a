"""The election-wave forecast: plain numbers in, a projection out (no Django, no ORM).

After municipal elections every college is formed anew. From each municipality's population a
default college size follows (the council's size by article 8 of the Gemeentewet, at most 20 %
of it as wethouders by article 36, at least 2; capped at 7, the largest colleges in practice),
and about half of them are new. A share of the new wethouders asks the pool for a coach (the
uptake); they arrive over the months after the election and each holds a place for the length
of a trajectory. Against that stand the pool's free places, growing as running trajectories end.
"""

import math
from dataclasses import dataclass, field
from datetime import date

from coaching.planning import add_months

#: (population up to, council seats), Gemeentewet article 8; above the last: 45.
COUNCIL_SEATS = (
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
)
LARGEST_COUNCIL = 45
MIN_COLLEGE, MAX_COLLEGE = 2, 7
#: Of a wave's intakes, the share arriving in the election month, the month after, and so on:
#: most colleges are installed within three months.
DEFAULT_ARRIVAL = (0.15, 0.40, 0.25, 0.10, 0.05, 0.05)
HORIZON_MONTHS = 12


def council_seats(population: int) -> int:
    return next((seats for limit, seats in COUNCIL_SEATS if population <= limit), LARGEST_COUNCIL)


def college_size(population: int) -> int:
    """The number of wethouders a municipality of this size has by default."""
    return min(max(council_seats(population) * 20 // 100, MIN_COLLEGE), MAX_COLLEGE)


def default_new_wethouders(population: int, newcomer_share: float) -> float:
    return college_size(population) * newcomer_share


@dataclass(frozen=True)
class MunicipalityInput:
    code: str
    name: str
    province: str
    population: int
    expected_new: int | None = None  # a coordinator's override


@dataclass(frozen=True)
class CoachSupply:
    """A coach's places as the forecast sees them: free now, and one more on each date that a
    trajectory of theirs is planned to end."""

    province: str
    themes: frozenset[str]
    free: int
    releases: tuple[date, ...] = ()

    def places_on(self, day: date) -> int:
        return self.free + sum(1 for end in self.releases if end < day)


@dataclass(frozen=True)
class ForecastInput:
    election: date
    municipalities: list[MunicipalityInput]
    coaches: list[CoachSupply]
    newcomer_share: float
    uptake: float
    theme_shares: dict[str, float] = field(default_factory=dict)
    arrival: tuple[float, ...] = DEFAULT_ARRIVAL
    trajectory_months: int = 9
    places_per_new_coach: int = 2
    months: int = HORIZON_MONTHS


@dataclass(frozen=True)
class Row:
    """One province (or theme, or the whole country): intakes arriving per month, places they
    hold per month, places available per month, and what is short at the worst month."""

    key: str
    new_wethouders: float
    intakes: float
    arrivals: list[float]
    holding: list[float]
    capacity: list[int]
    short_places: float
    coaches_to_recruit: int


@dataclass(frozen=True)
class Forecast:
    months: list[date]
    provinces: list[Row]
    themes: list[Row]
    total: Row

    @property
    def coaches_to_recruit(self) -> int:
        return sum(row.coaches_to_recruit for row in self.provinces)


def expected_new(municipality: MunicipalityInput, newcomer_share: float) -> float:
    if municipality.expected_new is not None:
        return float(municipality.expected_new)
    return default_new_wethouders(municipality.population, newcomer_share)


def project(data: ForecastInput) -> Forecast:
    """The demand per province and theme, month by month from the election month, against the
    places of the coaches living there (or coaching on that theme). Recruiting is counted per
    province: a province short of places needs coaches of its own, whatever is free elsewhere."""
    months = [add_months(data.election.replace(day=1), n) for n in range(data.months)]
    new_by_province: dict[str, float] = {}
    for municipality in data.municipalities:
        new = expected_new(municipality, data.newcomer_share)
        new_by_province[municipality.province] = new_by_province.get(municipality.province, 0.0) + new
    provinces = [
        _row(data, months, province, new, [c for c in data.coaches if c.province == province])
        for province, new in sorted(new_by_province.items())
    ]
    total_new = sum(new_by_province.values())
    themes = [
        _row(data, months, theme, total_new * share, [c for c in data.coaches if theme in c.themes])
        for theme, share in data.theme_shares.items()
    ]
    return Forecast(
        months=months, provinces=provinces, themes=themes, total=_row(data, months, "", total_new, data.coaches)
    )


def _row(data: ForecastInput, months: list[date], key: str, new: float, coaches: list[CoachSupply]) -> Row:
    intakes = new * data.uptake
    arrivals = [intakes * (data.arrival[n] if n < len(data.arrival) else 0.0) for n in range(len(months))]
    holding = [sum(arrivals[max(0, n - data.trajectory_months + 1) : n + 1]) for n in range(len(months))]
    capacity = [sum(coach.places_on(month) for coach in coaches) for month in months]
    short = max((round(need - places, 6) for need, places in zip(holding, capacity, strict=True)), default=0.0)
    short = max(short, 0.0)
    return Row(
        key=key,
        new_wethouders=new,
        intakes=intakes,
        arrivals=arrivals,
        holding=holding,
        capacity=capacity,
        short_places=short,
        coaches_to_recruit=math.ceil(short / data.places_per_new_coach),
    )
