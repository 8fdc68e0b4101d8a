"""Realistic random instances for the matching benchmarks: coaches and intakes spread over the
342 municipalities (weighted by population), with the wishes a wave brings."""

import csv
import random
from pathlib import Path

from coaching.matching import CoachData, IntakeData, Wish

DATA = Path(__file__).resolve().parent.parent / "bestuurderspool" / "data" / "gemeenten.csv"
THEMES = [
    "personal_leadership", "governing_style", "field_of_forces", "council",
    "media", "integrity", "threats", "partners",
]  # fmt: skip
DAYS = [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon", "evening")]
BACKGROUNDS = ["ex_wethouder", "ex_burgemeester", "ex_gedeputeerde", "ex_raadslid", "other"]
PARTIES = ["VVD", "D66", "CDA", "GroenLinks-PvdA", "BBB", "SP", "ChristenUnie", "Lokaal"]


def municipalities():
    with open(DATA, encoding="utf-8") as handle:
        return [(r["code"], float(r["lat"]), float(r["lon"]), int(r["population"])) for r in csv.DictReader(handle)]


def make_instance(n_intakes: int, n_coaches: int, seed: int = 1):
    rng = random.Random(seed)
    places = municipalities()
    weights = [p[3] for p in places]
    coaches = []
    for j in range(n_coaches):
        code, lat, lon, _ = rng.choices(places, weights)[0]
        capacity = rng.randint(1, 4)
        coaches.append(
            CoachData(
                id=j + 1,
                active=rng.random() > 0.05,
                capacity=capacity,
                load=rng.choice([0, 0, 0, min(1, capacity)]),
                home_municipality=code,
                lat=lat,
                lon=lon,
                governed_municipalities=frozenset(rng.choice(places)[0] for _ in range(rng.randint(1, 2))),
                backgrounds=frozenset(rng.sample(BACKGROUNDS, rng.randint(1, 2))),
                themes=frozenset(rng.sample(THEMES, rng.randint(2, 6))),
                party=rng.choice([*PARTIES, None]),
                gender=rng.choice(["female", "male"]),
                availability=frozenset(rng.sample(DAYS, rng.randint(3, 10))),
                observes=rng.random() > 0.2,
            )
        )
    intakes = []
    for i in range(n_intakes):
        code, lat, lon, _ = rng.choices(places, weights)[0]
        maybe = lambda wish, p=0.3: wish if rng.random() < p else None  # noqa: E731
        intakes.append(
            IntakeData(
                id=i + 1,
                municipality=code,
                lat=lat,
                lon=lon,
                themes=frozenset(rng.sample(THEMES, rng.randint(1, 4))),
                party=rng.choice(PARTIES),
                background=maybe(Wish(frozenset(rng.sample(BACKGROUNDS, 2)), must=rng.random() < 0.2)),
                gender=maybe(Wish(frozenset({rng.choice(["female", "male"])}), must=rng.random() < 0.2)),
                political=maybe(Wish(frozenset({rng.choice(["same_party", "other_party"])})), 0.15),
                distance=maybe(Wish(frozenset({rng.choice(["nearby", "far"])}), must=rng.random() < 0.1)),
                wants_observation=rng.random() < 0.6,
                availability=frozenset(rng.sample(DAYS, rng.randint(2, 8))),
            )
        )
    return intakes, coaches
