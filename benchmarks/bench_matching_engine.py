"""Benchmark of the pure matching engine, with an independent proof of optimality.

    python benchmarks/bench_matching_engine.py

Targets (2-core machine): the wave of 1,500 intakes × 400 coaches on plain data < 0.3 s, scoring
included; one intake ranked over 400 coaches < 20 ms. The wave's total score must equal the
optimum of the same problem solved as a linear program by HiGHS (the bipartite b-matching LP is
integral), to 1e-6. A greedy baseline shows what a non-global method loses when coaches are scarce.
"""

import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, vstack

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.matching_instances import make_instance
from coaching.matching import Weights, rank, solve_wave
from coaching.matching.scoring import build_matrices


def lp_optimum(intakes, coaches, weights) -> tuple[float, int]:
    """Max (bonus·matched + score) as an LP over eligible pairs; returns (score, matched)."""
    m = build_matrices(intakes, coaches, weights)
    rows, cols = np.nonzero(m.eligible)
    bonus = len(intakes) + 1.0
    benefit = bonus + m.score[rows, cols]
    n_pairs = len(rows)
    a_intake = coo_matrix((np.ones(n_pairs), (rows, np.arange(n_pairs))), shape=(len(intakes), n_pairs))
    a_coach = coo_matrix((np.ones(n_pairs), (cols, np.arange(n_pairs))), shape=(len(coaches), n_pairs))
    result = linprog(
        -benefit,
        A_ub=vstack([a_intake, a_coach]).tocsr(),
        b_ub=np.concatenate([np.ones(len(intakes)), [c.free for c in coaches]]),
        bounds=(0, 1),
        method="highs",
    )
    x = result.x
    matched = x.sum()
    return float((m.score[rows, cols] * x).sum()), round(matched)


def greedy(intakes, coaches, weights) -> tuple[float, int]:
    m = build_matrices(intakes, coaches, weights)
    rows, cols = np.nonzero(m.eligible)
    order = np.argsort(-m.score[rows, cols], kind="stable")
    free = [c.free for c in coaches]
    taken, total = set(), 0.0
    for k in order:
        i, j = rows[k], cols[k]
        if i not in taken and free[j] > 0:
            taken.add(i)
            free[j] -= 1
            total += m.score[i, j]
    return total, len(taken)


def timed(fn, *args, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return result, min(times), statistics.median(times)


def main() -> int:
    weights = Weights()
    intakes, coaches = make_instance(1500, 400, seed=7)
    capacity = sum(c.free for c in coaches if c.active)
    wave, best, median = timed(solve_wave, intakes, coaches, weights)
    lp_score, lp_matched = lp_optimum(intakes, coaches, weights)
    rank_times = []
    for the_intake in intakes[:200]:
        start = time.perf_counter()
        rank(the_intake, coaches, weights)
        rank_times.append(time.perf_counter() - start)
    rank_median, rank_p95 = statistics.median(rank_times), float(np.percentile(rank_times, 95))

    scarce_intakes, scarce_coaches = make_instance(600, 120, seed=11)
    scarce = solve_wave(scarce_intakes, scarce_coaches, weights)
    greedy_score, greedy_matched = greedy(scarce_intakes, scarce_coaches, weights)

    print(f"wave: {len(intakes)} intakes, {len(coaches)} coaches, {capacity} free places")
    print(f"  matched {len(wave.assignments)}, unmatched {len(wave.unmatched)}")
    print(f"  total score {wave.total_score:.6f}")
    print(f"  engine time (scoring + assignment): best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")
    print(f"  independent LP (HiGHS): matched {lp_matched}, total score {lp_score:.6f}")
    print(f"  difference: {abs(wave.total_score - lp_score):.2e}")
    print(f"rank one intake over {len(coaches)} coaches:")
    print(f"  median {rank_median * 1000:.2f} ms, p95 {rank_p95 * 1000:.2f} ms")
    print(
        "scarce wave (600 intakes, 120 coaches): "
        f"optimal {len(scarce.assignments)} matched / {scarce.total_score:.2f}; "
        f"greedy {greedy_matched} matched / {greedy_score:.2f} "
        f"({100 * (1 - greedy_score / scarce.total_score):.1f} % score lost)"
    )
    failures = []
    if abs(wave.total_score - lp_score) > 1e-6 or len(wave.assignments) != lp_matched:
        failures.append("wave is not optimal")
    if median > 0.3:
        failures.append("wave engine slower than 0.3 s")
    if rank_p95 > 0.020:
        failures.append("rank slower than 20 ms")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
