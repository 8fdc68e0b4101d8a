"""What the apps above privacy add to the wethouder's AVG rights and to the retention.

The privacy app owns the rights (access, erasure, consent), the retention and the audit trail,
and the order in which the parts run; it never imports the apps above it (README,
"Architecture"). Each app says what it holds of a person and how that goes, from its
`AppConfig.ready()` (`intake/privacy.py`, `coaching/privacy.py`, `instruments/apps.py`,
`tracks/privacy.py`). Registering the same function again replaces its entry.

Entries run by their `order`, lowest first, whichever app starts first. The orders in use:

- data download: 0 the account, 10 intakes, 20 matches and trajectories, 40 reminders, 50
  erasure requests (those three are privacy's own), 60 the trajectories' requests, 70 the
  coaching instruments, 80 the group tracks;
- erasure: 10 intakes, 20 matches and trajectories, 30 the group tracks; the account itself is
  anonymised last, by privacy;
- consent: 10 an intake being matched is withdrawn, 20 so is a matched intake whose trajectory
  has not started, 30 the political wish is erased;
- retention: 10 the trajectories' confidential texts, 20 the intakes' answers.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DataSection:
    """Records of a user in their data download (AVG art. 15 and 20)."""

    order: int
    #: (user) -> list[DataRecord], in a fixed number of queries.
    records: Callable


@dataclass(frozen=True)
class Eraser:
    """What an app removes or anonymises when an erasure is carried out (AVG art. 17)."""

    order: int
    #: (user, *, by) -> None; `by` is the coordinator carrying it out. Runs in its transaction.
    erase: Callable


@dataclass(frozen=True)
class ConsentStep:
    """What stops when the wethouder withdraws their consent (AVG art. 7(3))."""

    order: int
    #: (user) -> bool: True when it withdrew something still under way (an intake being matched).
    withdraw: Callable


@dataclass(frozen=True)
class RetentionRule:
    """A kind of record whose personal content goes once it is past its retention period."""

    order: int
    model: type
    #: The purge's line, from `count` and `ids`: "answers of {count} intakes: {ids}".
    summary: str
    #: () -> the records (a queryset of `model`) that still hold content to remove.
    holding: Callable
    #: (queryset) -> None: remove the content, keep what the statistics need.
    purge: Callable


PERSONAL_DATA_SECTIONS: list[DataSection] = []
#: Functions `(user) -> None` that raise a `ValidationError` while an erasure must wait (a
#: trajectory still running, say). All are asked before anything is erased.
ERASURE_CHECKS: list[Callable] = []
ERASERS: list[Eraser] = []
CONSENT_STEPS: list[ConsentStep] = []
RETENTION_RULES: list[RetentionRule] = []
#: Per model of a retention rule: functions `(now) -> queryset` of its records past a period
#: (apps may add periods to another app's rule: a matched intake's runs from the trajectory's end).
RETENTION_PERIODS: dict[type, list[Callable]] = {}


def _put(registry: list, entry, function) -> None:
    """Add `entry` (replacing the one of the same function) and keep the registry in order."""
    kept = [existing for existing in registry if function(existing) != function(entry)]
    registry[:] = sorted([*kept, entry], key=lambda item: item.order)


def _add(functions: list, function) -> None:
    if function not in functions:
        functions.append(function)


def add_personal_data(records, *, order: int) -> None:
    _put(PERSONAL_DATA_SECTIONS, DataSection(order, records), lambda entry: entry.records)


def add_erasure_check(check) -> None:
    _add(ERASURE_CHECKS, check)


def add_eraser(erase, *, order: int) -> None:
    _put(ERASERS, Eraser(order, erase), lambda entry: entry.erase)


def add_consent_step(withdraw, *, order: int) -> None:
    _put(CONSENT_STEPS, ConsentStep(order, withdraw), lambda entry: entry.withdraw)


def add_retention_rule(model, *, order: int, summary: str, holding, purge) -> None:
    _put(RETENTION_RULES, RetentionRule(order, model, summary, holding, purge), lambda entry: entry.model)


def add_retention_period(model, period) -> None:
    _add(RETENTION_PERIODS.setdefault(model, []), period)
