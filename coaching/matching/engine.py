"""Ranking coaches for one intake, and the globally optimal assignment for a wave."""

from collections import Counter

import numpy as np
from scipy.optimize import linear_sum_assignment

from .scoring import Matrices, build_matrices
from .types import (
    CONSTRAINTS,
    CRITERIA,
    Assignment,
    CoachData,
    CriterionScore,
    Exclusion,
    ExclusionReason,
    IntakeData,
    Proposal,
    Ranking,
    Unmatched,
    WaveResult,
    Weights,
)
from .validation import check_input


def _criteria(m: Matrices, weights: Weights, i: int, j: int) -> tuple[CriterionScore, ...]:
    params = {name: {"wish": bool(has[i])} for name, has in m.has_wish.items()}
    params["themes"] = {"matched": int(m.theme_shared[i, j]), "total": int(m.theme_own[i, j])}
    params["distance"] = {**params["distance"], "km": round(float(m.km[i, j]))}
    params["availability"] = {"matched": int(m.availability_shared[i, j]), "total": int(m.availability_own[i, j])}
    return tuple(
        CriterionScore(
            code=name,
            weight=getattr(weights, name),
            value=float(m.values[name][i, j]),
            points=float(m.points[name][i, j]),
            params=params.get(name, {}),
        )
        for name in CRITERIA
    )


def _reasons(m: Matrices, i: int, j: int) -> tuple[ExclusionReason, ...]:
    return tuple(
        ExclusionReason(name, {"km": round(float(m.km[i, j]))} if name == "must_distance" else {})
        for name in CONSTRAINTS
        if m.excluded[name][i, j]
    )


def rank(intake: IntakeData, coaches: list[CoachData], weights: Weights, *, limit: int = 5) -> Ranking:
    """The best eligible coaches for one intake, best first, each with its score explained
    criterion by criterion; and every excluded coach with the constraints that exclude them.

    Ties go to the coach with the lower load, then the lower id, so the order is stable.
    Input the engine cannot honour raises `MatchingInputError`.
    """
    check_input([intake], coaches)
    if not coaches:
        return Ranking((), ())
    m = build_matrices([intake], coaches, weights)
    eligible = np.flatnonzero(m.eligible[0])
    loads = np.array([coaches[j].load for j in eligible])
    ids = np.array([coaches[j].id for j in eligible])
    order = eligible[np.lexsort((ids, loads, -m.score[0, eligible]))] if len(eligible) else eligible
    proposals = tuple(
        Proposal(coaches[j].id, float(m.score[0, j]), n + 1, _criteria(m, weights, 0, j))
        for n, j in enumerate(order[:limit])
    )
    exclusions = tuple(Exclusion(coaches[j].id, _reasons(m, 0, j)) for j in np.flatnonzero(~m.eligible[0]))
    return Ranking(proposals, exclusions)


def solve_wave(intakes: list[IntakeData], coaches: list[CoachData], weights: Weights) -> WaveResult:
    """One coach for every intake at once: first as many intakes matched as the capacities and
    constraints allow, then the highest total score among those assignments.

    Each coach becomes one column per free place; the assignment problem is solved exactly by
    scipy's `linear_sum_assignment`. A matched pair is worth `bonus + score` with `bonus` larger
    than any total score, so one more matched wethouder always outweighs better scores for the
    others: in a scarce wave nobody stays unmatched to raise someone else's score. Ineligible
    pairs are worth nothing and count as unmatched, so they can never be chosen.

    A coach never gets more columns than there are intakes: more places could not be filled, and
    a capacity of 32,767 would otherwise make a matrix of that many columns.
    """
    check_input(intakes, coaches)
    if not intakes:
        return WaveResult((), (), 0.0)
    m = build_matrices(intakes, coaches, weights) if coaches else None
    columns = [min(c.free, len(intakes)) for c in coaches]
    slots = np.repeat(np.arange(len(coaches)), columns) if coaches else np.array([], int)
    assignments, matched_rows = [], set()
    if m is not None and len(slots):
        bonus = len(intakes) + 1.0
        benefit = np.where(m.eligible[:, slots], bonus + m.score[:, slots], 0.0)
        rows, cols = linear_sum_assignment(benefit, maximize=True)
        for i, col in zip(rows, cols, strict=True):
            j = slots[col]
            if m.eligible[i, j]:
                criteria = _criteria(m, weights, i, j)
                assignments.append(Assignment(intakes[i].id, coaches[j].id, float(m.score[i, j]), criteria))
                matched_rows.add(i)
    unmatched = tuple(_unmatched(m, intakes[i], i) for i in range(len(intakes)) if i not in matched_rows)
    assignments.sort(key=lambda a: a.intake_id)
    return WaveResult(tuple(assignments), unmatched, float(sum(a.score for a in assignments)))


def _unmatched(m: Matrices | None, intake: IntakeData, i: int) -> Unmatched:
    if m is None or not m.eligible[i].any():
        counts = Counter()
        if m is not None:
            for j in range(m.eligible.shape[1]):
                counts[next(name for name in CONSTRAINTS if m.excluded[name][i, j])] += 1
        return Unmatched(intake.id, "no_eligible_coach", {"excluded": dict(counts)})
    return Unmatched(intake.id, "capacity_exhausted", {"eligible": int(m.eligible[i].sum())})
