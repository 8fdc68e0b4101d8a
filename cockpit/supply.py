"""Supply and demand per matching criterion: plain engine data in, counts out (no Django).

Demand is what open intakes ask for: *waiting* ones are ready for matching, *expected* ones are
still before or in their intake conversation. Supply is the free places of coaches the engine
would consider (active, not paused, a free place), counted nationally and within `radius_km`
of the intakes that ask. A shortage is a group of intakes in one province asking for something
with fewer free places within reach than intakes.
"""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from coaching.matching import CoachData, IntakeData
from coaching.matching.scoring import distances_km

CRITERIA = ("themes", "province", "background", "gender", "political", "availability", "observation")
#: Criteria where each intake needs its own value met (themes and day parts are several at once).
SHORTAGE_CRITERIA = ("province", "background", "gender", "political", "observation")


@dataclass(frozen=True)
class DemandIntake:
    data: IntakeData
    province: str
    waiting: bool


@dataclass(frozen=True)
class SupplyCoach:
    data: CoachData
    province: str


@dataclass(frozen=True)
class DemandRow:
    criterion: str
    value: str
    waiting: int
    expected: int
    free_places: int
    places_within_reach: int

    @property
    def demand(self) -> int:
        return self.waiting + self.expected

    @property
    def short(self) -> bool:
        return self.demand > self.places_within_reach


@dataclass(frozen=True)
class Shortage:
    criterion: str
    value: str
    province: str
    intakes: int
    places: int

    @property
    def gap(self) -> int:
        return self.intakes - self.places


@dataclass(frozen=True)
class SupplyAndDemand:
    radius_km: float
    rows: dict[str, list[DemandRow]]
    shortages: list[Shortage]
    free_places: int


def _asked(intake: DemandIntake, criterion: str) -> set[str]:
    data = intake.data
    if criterion == "themes":
        return set(data.themes)
    if criterion == "province":
        return {intake.province}
    if criterion == "availability":
        return set(data.availability)
    if criterion == "observation":
        return {"observation"} if data.wants_observation else set()
    wish = getattr(data, criterion)
    # An unanswered wish can reach the engine's data as the empty value: it asks for nothing.
    values = set(wish.values) - {""} if wish is not None else set()
    if criterion == "political" and values:
        return {f"same:{data.party}" if "same_party" in values and data.party else "other_party"}
    return values


def _offers(coach: SupplyCoach, criterion: str, value: str) -> bool:
    data = coach.data
    if criterion == "province":
        return True  # any coach within reach serves; the national column counts the province's own
    return {
        "themes": lambda: value in data.themes,
        "availability": lambda: value in data.availability,
        "observation": lambda: data.observes,
        "background": lambda: value in data.backgrounds,
        "gender": lambda: data.gender == value,
        "political": lambda: value == "other_party" or data.party == value.removeprefix("same:"),
    }[criterion]()


def analyse(intakes: list[DemandIntake], coaches: list[SupplyCoach], *, radius_km: float) -> SupplyAndDemand:
    """Rows per criterion and value, and the shortages per province, largest gap first."""
    available = [c for c in coaches if c.data.active and c.data.free > 0]
    free = np.array([c.data.free for c in available], dtype=np.int64)
    within = (
        distances_km([i.data for i in intakes], [c.data for c in available]) <= radius_km
        if intakes and available
        else np.zeros((len(intakes), len(available)), dtype=bool)
    )
    parties = np.array([c.data.party or "" for c in available], dtype=object)
    rows, shortages = {}, []
    for criterion in CRITERIA:
        groups = defaultdict(list)
        for index, intake in enumerate(intakes):
            for value in _asked(intake, criterion):
                groups[value].append(index)
        rows[criterion] = []
        for value, indices in sorted(groups.items()):
            offers = np.array([_offers(c, criterion, value) for c in available], dtype=bool)
            reach = _reach(indices, intakes, within, offers, parties, other_party=value == "other_party")
            national = free[offers & _in_province(available, value)] if criterion == "province" else free[offers]
            waiting = sum(1 for i in indices if intakes[i].waiting)
            rows[criterion].append(
                DemandRow(
                    criterion, value, waiting, len(indices) - waiting, int(national.sum()), int(free[reach].sum())
                )
            )
            if criterion in SHORTAGE_CRITERIA:
                shortages += _shortages(criterion, value, indices, intakes, within, offers, parties, free)
    shortages.sort(key=lambda s: (-s.gap, s.criterion, s.value, s.province))
    return SupplyAndDemand(radius_km=radius_km, rows=rows, shortages=shortages, free_places=int(free.sum()))


def _in_province(available: list[SupplyCoach], province: str) -> np.ndarray:
    return np.array([c.province == province for c in available], dtype=bool)


def _reach(indices, intakes, within, offers, parties, *, other_party: bool) -> np.ndarray:
    """The coaches offering what these intakes ask, within reach of at least one of them."""
    if not indices or not len(offers):
        return np.zeros(len(offers), dtype=bool)
    pairs = within[indices] & offers[None, :]
    if other_party:
        own = np.array([intakes[i].data.party or "" for i in indices], dtype=object)[:, None]
        pairs &= (parties[None, :] != own) & (parties[None, :] != "")
    return pairs.any(axis=0)


def _shortages(criterion, value, indices, intakes, within, offers, parties, free) -> list[Shortage]:
    by_province = defaultdict(list)
    for index in indices:
        by_province[intakes[index].province].append(index)
    found = []
    for province, group in sorted(by_province.items()):
        places = int(free[_reach(group, intakes, within, offers, parties, other_party=value == "other_party")].sum())
        if len(group) > places:
            found.append(Shortage(criterion, value, province, len(group), places))
    return found
