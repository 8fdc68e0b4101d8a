"""The wave end to end on PostgreSQL: 1,500 ready intakes and 400 coaches (capacities 1–4) in a
throwaway database, loaded by the selectors, solved by the engine, checked against an
independent LP solver.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bestuurderspool python benchmarks/bench_wave.py

Targets: the whole wave (loading + scoring + assignment) < 2 s on 2 cores; optimal to 1e-6.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurderspool.settings_test")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_wave_bestuurderspool")  # throwaway, dropped at the end

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

N_INTAKES, N_COACHES = 1500, 400


def populate(intakes_data, coaches_data):
    from bestuurderspool.accounts.models import User
    from bestuurderspool.municipalities.models import Municipality
    from coaching.models import CoachProfile, FormerRole
    from intake.models import Intake

    places = {m.code: m for m in Municipality.objects.all()}
    coaches = User.objects.bulk_create(
        User(email=f"coach{c.id}@bench.nl", role="coach", first_name="Coach", last_name=str(c.id)) for c in coaches_data
    )
    profiles = CoachProfile.objects.bulk_create(
        CoachProfile(
            user=user,
            home_municipality=places[c.home_municipality],
            capacity=c.capacity,
            active_load=c.load,
            status="active" if c.active else "paused",
            paused_until=None,
            themes=sorted(c.themes),
            availability=sorted(c.availability),
            gender=c.gender or "",
            observes=c.observes,
            local_party=c.party or "",
        )
        for user, c in zip(coaches, coaches_data, strict=True)
    )
    FormerRole.objects.bulk_create(
        FormerRole(coach=profile, background=sorted(c.backgrounds)[0], municipality=places[code])
        for profile, c in zip(profiles, coaches_data, strict=True)
        for code in c.governed_municipalities
    )
    wethouders = User.objects.bulk_create(
        User(email=f"wethouder{i.id}@bench.nl", role="wethouder", first_name="Wethouder", last_name=str(i.id))
        for i in intakes_data
    )
    Intake.objects.bulk_create(
        Intake(
            wethouder=user,
            state="ready_for_matching",
            municipality=places[i.municipality],
            local_party=i.party or "",
            themes=sorted(i.themes),
            availability=sorted(i.availability),
            wants_observation=i.wants_observation,
            wish_gender=next(iter(i.gender.values)) if i.gender else "",
            wish_gender_must=bool(i.gender and i.gender.must),
            wish_distance=next(iter(i.distance.values)) if i.distance else "",
            wish_distance_must=bool(i.distance and i.distance.must),
            wish_backgrounds=sorted(i.background.values) if i.background else [],
            wish_backgrounds_must=bool(i.background and i.background.must),
        )
        for user, i in zip(wethouders, intakes_data, strict=True)
    )


def main() -> int:
    from benchmarks.bench_matching_engine import lp_optimum
    from benchmarks.matching_instances import make_instance
    from coaching.matching import rank, solve_wave
    from coaching.selectors.matching import load_coaches, load_intake, load_ready_intakes, load_weights
    from intake.models import Intake

    intakes_data, coaches_data = make_instance(N_INTAKES, N_COACHES, seed=7)
    populate(intakes_data, coaches_data)
    runs = []
    for _ in range(5):
        connection.close()  # each run starts cold, as a request or task would
        start = time.perf_counter()
        intakes, coaches, weights = load_ready_intakes(), load_coaches(), load_weights()
        loaded = time.perf_counter()
        result = solve_wave(intakes, coaches, weights)
        done = time.perf_counter()
        runs.append((loaded - start, done - loaded, done - start))
    load_t, engine_t, total_t = (statistics.median(r[i] for r in runs) for i in range(3))
    lp_score, lp_matched = lp_optimum(intakes, coaches, weights)

    one = Intake.objects.first()
    rank_times, rank_db_times = [], []
    for _ in range(50):
        start = time.perf_counter()
        data, pool = load_intake(one), load_coaches()
        middle = time.perf_counter()
        rank(data, pool, weights)
        end = time.perf_counter()
        rank_times.append(end - middle)
        rank_db_times.append(end - start)

    print(f"wave on PostgreSQL: {len(intakes)} intakes, {len(coaches)} coaches")
    print(f"  load from database: {load_t * 1000:.0f} ms (median of 5)")
    print(f"  engine: {engine_t * 1000:.0f} ms")
    print(f"  total: {total_t * 1000:.0f} ms (target < 2000 ms)")
    print(f"  matched {len(result.assignments)}, total score {result.total_score:.6f}")
    print(f"  independent LP (HiGHS): matched {lp_matched}, total score {lp_score:.6f}")
    print(f"one intake over {len(coaches)} coaches:")
    print(f"  engine: median {statistics.median(rank_times) * 1000:.2f} ms (target < 20 ms)")
    print(f"  including loading the pool from the database: median {statistics.median(rank_db_times) * 1000:.1f} ms")
    failures = []
    if abs(result.total_score - lp_score) > 1e-6 or len(result.assignments) != lp_matched:
        failures.append("wave not optimal")
    if total_t > 2.0:
        failures.append("wave slower than 2 s")
    if statistics.median(rank_times) > 0.020:
        failures.append("rank slower than 20 ms")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    config = setup_databases(verbosity=0, interactive=False)
    try:
        code = main()
    finally:
        connection.close()
        teardown_databases(config, verbosity=0)
    sys.exit(code)
