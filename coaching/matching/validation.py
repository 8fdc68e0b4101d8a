"""Checks on the engine's input. A record the engine cannot honour is refused with a
`MatchingInputError` naming it, never bent: a duplicate coach would escape a "no klik"
exclusion, a negative load would add places, a NaN distance would pass every distance must."""

import math
from collections import Counter

from .types import BACKGROUNDS, EXCLUSIVE_WISHES, GENDERS, CoachData, IntakeData, MatchingInputError

WISH_VALUES = {"background": BACKGROUNDS, "gender": GENDERS, **EXCLUSIVE_WISHES}


def _unique(ids, kind: str) -> None:
    duplicates = sorted(value for value, count in Counter(ids).items() if count > 1)
    if duplicates:
        raise MatchingInputError(f"{kind} {duplicates[0]} appears more than once")


def _place(who: str, lat, lon) -> None:
    for name, value, bound in (("latitude", lat, 90), ("longitude", lon, 180)):
        if not isinstance(value, int | float) or not math.isfinite(value) or abs(value) > bound:
            raise MatchingInputError(f"{who}: {name} must be a number between -{bound} and {bound}")


def _known(who: str, what: str, values, allowed) -> None:
    for value in sorted(set(values) - set(allowed), key=str):
        raise MatchingInputError(f"{who}: unknown {what} {value!r}")


def check_coach(coach: CoachData) -> None:
    who = f"coach {coach.id}"
    for name in ("capacity", "load"):
        value = getattr(coach, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise MatchingInputError(f"{who}: {name} must be a whole number of at least 0")
    _place(who, coach.lat, coach.lon)
    _known(who, "gender", [coach.gender] if coach.gender is not None else [], GENDERS)
    _known(who, "background", coach.backgrounds, BACKGROUNDS)


def check_intake(intake: IntakeData) -> None:
    who = f"intake {intake.id}"
    _place(who, intake.lat, intake.lon)
    for name, allowed in WISH_VALUES.items():
        wish = getattr(intake, name)
        if wish is None:
            continue
        _known(who, f"{name} wish", wish.values, allowed)
        if name in EXCLUSIVE_WISHES and len(wish.values) > 1:
            raise MatchingInputError(f"{who}: {name} wish is both {' and '.join(allowed)}")


def check_input(intakes: list[IntakeData], coaches: list[CoachData]) -> None:
    _unique([coach.id for coach in coaches], "coach")
    _unique([intake.id for intake in intakes], "intake")
    for coach in coaches:
        check_coach(coach)
    for intake in intakes:
        check_intake(intake)
