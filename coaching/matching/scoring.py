"""The score and the hard constraints as numpy matrices over intakes × coaches.

Sets (themes, day parts, backgrounds) become bitmasks, so overlap is a bitwise AND and a
popcount over whole arrays; distances are one haversine over the grid. Python only loops over
coaches or intakes to build the masks, never over pairs.
"""

from dataclasses import dataclass

import numpy as np

from .types import CONSTRAINTS, CRITERIA, CoachData, IntakeData, Weights

EARTH_RADIUS_KM = 6371.0


def _bitmask(items: list[frozenset[str]]) -> np.ndarray:
    universe = {value: bit for bit, value in enumerate(sorted(set().union(*items)))} if items else {}
    if len(universe) > 63:
        raise ValueError("at most 63 distinct values per criterion")
    return np.array([sum(1 << universe[value] for value in values) for values in items], dtype=np.uint64)


def _masks(intake_sets: list[frozenset[str]], coach_sets: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    masks = _bitmask(intake_sets + coach_sets)
    return masks[: len(intake_sets)], masks[len(intake_sets) :]


def _overlap(intake_sets, coach_sets) -> tuple[np.ndarray, np.ndarray]:
    """(shared count, the intake's own count) for every pair."""
    intake_masks, coach_masks = _masks(intake_sets, coach_sets)
    shared = np.bitwise_count(intake_masks[:, None] & coach_masks[None, :]).astype(np.float64)
    own = np.bitwise_count(intake_masks).astype(np.float64)[:, None]
    return shared, np.broadcast_to(own, shared.shape)


def _fraction(shared: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Share of what the intake asked for that the coach offers; asking nothing counts as met."""
    return np.divide(shared, own, out=np.ones_like(shared), where=own > 0)


def distances_km(intakes: list[IntakeData], coaches: list[CoachData]) -> np.ndarray:
    lat1 = np.radians([i.lat for i in intakes])[:, None]
    lon1 = np.radians([i.lon for i in intakes])[:, None]
    lat2 = np.radians([c.lat for c in coaches])[None, :]
    lon2 = np.radians([c.lon for c in coaches])[None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _wish_column(intakes: list[IntakeData], name: str):
    wishes = [getattr(intake, name) for intake in intakes]
    has = np.array([w is not None and bool(w.values) for w in wishes])[:, None]
    must = np.array([w is not None and w.must and bool(w.values) for w in wishes])[:, None]
    return wishes, has, must


def _same(intake_values: list[str | None], coach_values: list[str | None]) -> np.ndarray:
    """Pairwise equality of two lists of labels, with None never equal to anything."""
    labels = {value for value in intake_values + coach_values if value}
    index = {value: n + 1 for n, value in enumerate(sorted(labels))}
    a = np.array([index.get(v, 0) for v in intake_values])[:, None]
    b = np.array([index.get(v, -1) for v in coach_values])[None, :]
    return a == b


@dataclass(frozen=True)
class Matrices:
    """Every criterion's value and every constraint's mask for intakes × coaches."""

    values: dict[str, np.ndarray]  # criterion → values 0..1
    points: dict[str, np.ndarray]  # criterion → weight * value / total weight
    score: np.ndarray
    excluded: dict[str, np.ndarray]  # constraint → True where it excludes
    eligible: np.ndarray
    km: np.ndarray
    theme_shared: np.ndarray
    theme_own: np.ndarray
    availability_shared: np.ndarray
    availability_own: np.ndarray
    has_wish: dict[str, np.ndarray]  # criterion → per intake, True where it expressed a wish


def _has_wish(intakes) -> dict[str, np.ndarray]:
    """Criteria the wethouder may leave open: without a wish every coach gets the same points,
    and the explanation says "no preference"."""
    has = {name: _wish_column(intakes, name)[1][:, 0] for name in ("background", "distance", "political", "gender")}
    return {**has, "observation": np.array([i.wants_observation for i in intakes], dtype=bool)}


def _criterion_values(intakes, coaches, weights, km):
    theme_shared, theme_own = _overlap([i.themes for i in intakes], [c.themes for c in coaches])
    avail_shared, avail_own = _overlap([i.availability for i in intakes], [c.availability for c in coaches])
    backgrounds, has_bg, _ = _wish_column(intakes, "background")
    bg_shared, _ = _overlap([w.values if w else frozenset() for w in backgrounds], [c.backgrounds for c in coaches])
    distance = _distance_value(intakes, weights, km)
    political = _political_value(intakes, coaches)
    genders, has_gender, _ = _wish_column(intakes, "gender")
    # A gender wish is the set of acceptable genders: a coach meets it with any of them.
    gender_shared, _ = _overlap(
        [w.values if w else frozenset() for w in genders], [frozenset({c.gender} - {None}) for c in coaches]
    )
    wants_obs = np.array([i.wants_observation for i in intakes])[:, None]
    observes = np.array([c.observes for c in coaches])[None, :]
    capacity = np.array([c.capacity for c in coaches], dtype=np.float64)
    load = np.array([c.load for c in coaches], dtype=np.float64)
    workload = np.divide(capacity - load, capacity, out=np.zeros_like(capacity), where=capacity > 0).clip(0, 1)
    shape = (len(intakes), len(coaches))
    values = {
        "themes": _fraction(theme_shared, theme_own),
        "background": np.where(has_bg, (bg_shared > 0).astype(np.float64), 1.0),
        "distance": distance,
        "political": political,
        "gender": np.where(has_gender, (gender_shared > 0).astype(np.float64), 1.0),
        "observation": np.where(wants_obs, observes.astype(np.float64), 1.0),
        "availability": _fraction(avail_shared, avail_own),
        "workload": np.broadcast_to(workload[None, :], shape),
    }
    return {name: np.broadcast_to(value, shape) for name, value in values.items()}, (
        theme_shared,
        theme_own,
        avail_shared,
        avail_own,
    )


def _distance_value(intakes, weights, km):
    """Nearby: full marks within `nearby_km`, falling to 0 at three times that. Far: full marks
    from `far_km` on, rising from 0 at home. No wish: no effect."""
    wishes, has, _ = _wish_column(intakes, "distance")
    far = np.array([w is not None and "far" in w.values for w in wishes])[:, None]
    nearby_value = np.clip(1 - (km - weights.nearby_km) / (2 * weights.nearby_km), 0, 1)
    far_value = np.clip(km / weights.far_km, 0, 1)
    return np.where(has, np.where(far, far_value, nearby_value), 1.0)


def _political_value(intakes, coaches):
    wishes, has, _ = _wish_column(intakes, "political")
    same = _same([i.party for i in intakes], [c.party for c in coaches])
    other = np.array([w is not None and "other_party" in w.values for w in wishes])[:, None]
    return np.where(has, np.where(other, ~same, same).astype(np.float64), 1.0)


def _person_conflicts(intakes, coaches) -> np.ndarray:
    conflict = np.zeros((len(intakes), len(coaches)), dtype=bool)
    for j, coach in enumerate(coaches):
        if coach.conflict_person_keys:
            conflict[:, j] = [bool(coach.conflict_person_keys & intake.person_keys) for intake in intakes]
    return conflict


def _municipality_sets(intakes, coaches, attribute) -> np.ndarray:
    """True where the intake's municipality is in the coach's set `attribute`."""
    places = {intake.municipality for intake in intakes}
    result = np.zeros((len(intakes), len(coaches)), dtype=bool)
    index = {place: n for n, place in enumerate(sorted(places))}
    per_place = np.zeros((len(index), len(coaches)), dtype=bool)
    for j, coach in enumerate(coaches):
        for place in getattr(coach, attribute) & places:
            per_place[index[place], j] = True
    rows = np.array([index[intake.municipality] for intake in intakes], dtype=np.intp)
    result[:] = per_place[rows] if len(rows) else result
    return result


def _excluded(intakes, coaches, weights, km, values) -> dict[str, np.ndarray]:
    shape = (len(intakes), len(coaches))
    active = np.array([c.active for c in coaches])[None, :]
    full = np.array([c.load >= c.capacity for c in coaches])[None, :]
    homes = _same([i.municipality for i in intakes], [c.home_municipality for c in coaches])
    excluded_ids = np.zeros(shape, dtype=bool)
    coach_index = {c.id: j for j, c in enumerate(coaches)}
    for i, intake in enumerate(intakes):
        for coach_id in intake.excluded_coach_ids:
            if coach_id in coach_index:
                excluded_ids[i, coach_index[coach_id]] = True
    musts = {name: _wish_column(intakes, name)[2] for name in ("background", "gender", "political", "distance")}
    distance_wishes = [i.distance for i in intakes]
    far = np.array([w is not None and "far" in w.values for w in distance_wishes])[:, None]
    distance_fails = np.where(far, km < weights.far_km, km > weights.nearby_km)
    masks = {
        "inactive": ~active,
        "no_capacity": full,
        "own_municipality": homes,
        "governed_municipality": _municipality_sets(intakes, coaches, "governed_municipalities"),
        "declared_conflict": _municipality_sets(intakes, coaches, "conflict_municipalities")
        | _person_conflicts(intakes, coaches),
        "previous_no_klik": excluded_ids,
        "must_background": musts["background"] & (values["background"] < 1),
        "must_gender": musts["gender"] & (values["gender"] < 1),
        "must_political": musts["political"] & (values["political"] < 1),
        "must_distance": musts["distance"] & distance_fails,
    }
    return {name: np.broadcast_to(masks[name], shape) for name in CONSTRAINTS}


def build_matrices(intakes: list[IntakeData], coaches: list[CoachData], weights: Weights) -> Matrices:
    km = distances_km(intakes, coaches) if intakes and coaches else np.zeros((len(intakes), len(coaches)))
    values, (theme_shared, theme_own, avail_shared, avail_own) = _criterion_values(intakes, coaches, weights, km)
    total = weights.total
    points = {name: getattr(weights, name) * values[name] / total for name in CRITERIA}
    score = np.zeros((len(intakes), len(coaches)))
    for name in CRITERIA:  # the same order as the explanation adds them up
        score = score + points[name]
    excluded = _excluded(intakes, coaches, weights, km, values)
    eligible = ~np.logical_or.reduce([excluded[name] for name in CONSTRAINTS]) if CONSTRAINTS else None
    return Matrices(
        values,
        points,
        score,
        excluded,
        eligible,
        km,
        theme_shared,
        theme_own,
        avail_shared,
        avail_own,
        _has_wish(intakes),
    )
