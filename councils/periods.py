"""Recess periods and what they mean for a plan. Pure Python.

Councils do not meet in their recesses, so observations of council and committee meetings are
planned outside them. A municipality's own recess replaces a national one it overlaps (its own
summer recess instead of the national July–August), and adds to the others."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date

    def __contains__(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def overlaps(self, other: "Period") -> bool:
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on


def summer_recess(year: int) -> Period:
    """The national default: July and August."""
    return Period(date(year, 7, 1), date(year, 8, 31))


def effective(national: list[Period], own: list[Period]) -> list[Period]:
    """The recesses of one municipality: its own, plus every national one none of them overlaps."""
    kept = [period for period in national if not any(period.overlaps(mine) for mine in own)]
    return sorted([*kept, *own], key=lambda period: period.starts_on)


def containing(day: date, recesses: list[Period]) -> Period | None:
    return next((period for period in recesses if day in period), None)
