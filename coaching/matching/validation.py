"""Checks on the engine's input. A record the engine cannot honour is refused with a
`MatchingInputError` naming it, never bent: a duplicate coach would escape a "no klik"
exclusion, a negative load would add places, a NaN distance would pass every distance must.

The checks run over whole lists at once (a ranking over 400 coaches must stay within
milliseconds); only when one fails is the first offending record looked up for the message."""

from collections import Counter

import numpy as np

from .types import BACKGROUNDS, EXCLUSIVE_WISHES, GENDERS, CoachData, IntakeData, MatchingInputError

WISH_VALUES = {"background": BACKGROUNDS, "gender": GENDERS, **EXCLUSIVE_WISHES}


def _unique(ids, kind: str) -> None:
    if len(set(ids)) != len(ids):
        duplicates = sorted(value for value, count in Counter(ids).items() if count > 1)
        raise MatchingInputError(f"{kind} {duplicates[0]} appears more than once")


def _places(records, kind: str) -> None:
    for name, attribute, bound in (("latitude", "lat", 90), ("longitude", "lon", 180)):
        values = [getattr(record, attribute) for record in records]
        try:
            array = np.array(values, dtype=np.float64)
            bad = ~(np.isfinite(array) & (np.abs(array) <= bound))
        except (TypeError, ValueError):
            bad = np.array([not isinstance(v, int | float) for v in values])
        if bad.any():
            who = records[int(np.flatnonzero(bad)[0])].id
            raise MatchingInputError(f"{kind} {who}: {name} must be a number between -{bound} and {bound}")


def _counts(coaches: list[CoachData]) -> None:
    for name in ("capacity", "load"):
        for coach in coaches:
            value = getattr(coach, name)
            if type(value) is not int or value < 0:
                raise MatchingInputError(f"coach {coach.id}: {name} must be a whole number of at least 0")


def _known(records, kind: str, what: str, values_of, allowed) -> None:
    allowed = frozenset(allowed)
    if set().union(*(values_of(record) for record in records)) <= allowed:
        return
    for record in records:
        for value in sorted(set(values_of(record)) - allowed, key=str):
            raise MatchingInputError(f"{kind} {record.id}: unknown {what} {value!r}")


def check_coaches(coaches: list[CoachData]) -> None:
    _unique([coach.id for coach in coaches], "coach")
    _counts(coaches)
    _places(coaches, "coach")
    _known(coaches, "coach", "gender", lambda c: {c.gender} - {None}, GENDERS)
    _known(coaches, "coach", "background", lambda c: c.backgrounds, BACKGROUNDS)


def _wish_values(name: str):
    return lambda intake: getattr(intake, name).values if getattr(intake, name) is not None else frozenset()


def check_intakes(intakes: list[IntakeData]) -> None:
    _unique([intake.id for intake in intakes], "intake")
    _places(intakes, "intake")
    for name, allowed in WISH_VALUES.items():
        _known(intakes, "intake", f"{name} wish", _wish_values(name), allowed)
    for name, allowed in EXCLUSIVE_WISHES.items():
        for intake in intakes:
            wish = getattr(intake, name)
            if wish is not None and len(wish.values) > 1:
                raise MatchingInputError(f"intake {intake.id}: {name} wish is both {' and '.join(allowed)}")


def check_input(intakes: list[IntakeData], coaches: list[CoachData]) -> None:
    check_coaches(coaches)
    check_intakes(intakes)
