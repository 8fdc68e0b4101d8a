"""The engine refuses input it cannot honour, with a clear error, instead of quietly bending a
constraint: duplicate coaches, impossible loads, non-finite numbers, unknown wish values. A must
without values is no constraint; several acceptable genders are a set, not one arbitrary pick."""

import dataclasses
import math
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.matching import MatchingInputError, Weights, Wish, rank, solve_wave
from coaching.tests.test_matching_engine import MAASTRICHT, UTRECHT, coach, intake


def test_duplicate_coach_ids_are_refused_so_a_no_klik_cannot_be_bypassed():
    the_intake = intake(excluded_coach_ids=frozenset({1}))
    with pytest.raises(MatchingInputError, match="coach 1 appears more than once"):
        rank(the_intake, [coach(id=1), coach(id=1, place=MAASTRICHT)], Weights())
    with pytest.raises(MatchingInputError, match="coach 1 appears more than once"):
        solve_wave([the_intake], [coach(id=1), coach(id=1)], Weights())


def test_duplicate_intake_ids_are_refused_in_a_wave():
    with pytest.raises(MatchingInputError, match="intake 100 appears more than once"):
        solve_wave([intake(), intake()], [coach()], Weights())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"load": -1}, "coach 1: load must be a whole number of at least 0"),
        ({"capacity": -2}, "coach 1: capacity must be a whole number of at least 0"),
        ({"lat": math.nan}, "coach 1: latitude must be a number between -90 and 90"),
        ({"lon": math.inf}, "coach 1: longitude must be a number between -180 and 180"),
        ({"lat": 91.0}, "coach 1: latitude must be a number between -90 and 90"),
        ({"gender": "vrouw"}, "coach 1: unknown gender 'vrouw'"),
        ({"backgrounds": frozenset({"astronaut"})}, "coach 1: unknown background 'astronaut'"),
    ],
)
def test_impossible_coach_data_is_refused(kwargs, message):
    with pytest.raises(MatchingInputError, match=message):
        rank(intake(), [dataclasses.replace(coach(), **kwargs)], Weights())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lat": math.nan}, "intake 100: latitude must be a number between -90 and 90"),
        ({"distance": Wish(frozenset({"ver"}))}, "intake 100: unknown distance wish 'ver'"),
        ({"distance": Wish(frozenset({"nearby", "far"}))}, "intake 100: distance wish is both nearby and far"),
        ({"political": Wish(frozenset({"green"}))}, "intake 100: unknown political wish 'green'"),
        (
            {"political": Wish(frozenset({"same_party", "other_party"}))},
            "intake 100: political wish is both same_party and other_party",
        ),
        ({"gender": Wish(frozenset({"f"}))}, "intake 100: unknown gender wish 'f'"),
        ({"background": Wish(frozenset({"king"}))}, "intake 100: unknown background wish 'king'"),
    ],
)
def test_impossible_intake_data_is_refused(kwargs, message):
    the_intake = dataclasses.replace(intake(), **kwargs)
    with pytest.raises(MatchingInputError, match=message):
        rank(the_intake, [coach()], Weights())
    with pytest.raises(MatchingInputError, match=message):
        solve_wave([the_intake], [coach()], Weights())


@pytest.mark.parametrize(
    "kwargs",
    [
        {"themes": math.inf},
        {"gender": math.nan},
        {"nearby_km": math.nan},
        {"far_km": math.inf},
        {"themes": 1e308, "background": 1e308},
    ],
)
def test_non_finite_weights_are_refused(kwargs):
    with pytest.raises(ValueError, match="finite"):
        Weights(**kwargs)


def test_a_must_without_values_is_no_constraint_and_no_preference():
    coaches = [coach(id=1, gender="male"), coach(id=2, gender="female"), coach(id=3, gender=None)]
    ranking = rank(intake(gender=Wish(frozenset(), must=True)), coaches, Weights())
    assert ranking.exclusions == ()
    assert {p.coach_id: p.criteria[4].points for p in ranking.proposals} == {1: 0.05, 2: 0.05, 3: 0.05}
    assert all(p.criteria[4].params == {"wish": False} for p in ranking.proposals)


def test_several_acceptable_genders_are_a_set_whatever_the_hash_seed():
    coaches = [coach(id=1, gender="male"), coach(id=2, gender="female"), coach(id=3, gender="other")]
    wish = Wish(frozenset({"female", "other"}), must=True)
    ranking = rank(intake(gender=wish), coaches, Weights())
    assert sorted(p.coach_id for p in ranking.proposals) == [2, 3]
    assert [(e.coach_id, e.reasons[0].code) for e in ranking.exclusions] == [(1, "must_gender")]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["male", "female", "other"]), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(["male", "female", "other", None]), min_size=1, max_size=6),
)
def test_a_gender_must_keeps_exactly_the_coaches_of_an_accepted_gender(wished, genders):
    coaches = [coach(id=n + 1, gender=g) for n, g in enumerate(genders)]
    ranking = rank(intake(gender=Wish(frozenset(wished), must=True)), coaches, Weights(), limit=10)
    assert {p.coach_id for p in ranking.proposals} == {n + 1 for n, g in enumerate(genders) if g in wished}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40_000), min_size=1, max_size=5), st.integers(1, 6))
def test_capped_columns_give_the_same_wave_as_uncapped_capacity(capacities, intake_count):
    """Capping a coach's columns at the number of intakes changes nothing in the result."""
    coaches = [coach(id=n + 1, capacity=c) for n, c in enumerate(capacities)]
    intakes = [intake(id=100 + n) for n in range(intake_count)]
    result = solve_wave(intakes, coaches, Weights())
    free = sum(min(c, intake_count) for c in capacities)
    assert len(result.assignments) == min(intake_count, free)


def test_a_coach_with_capacity_32767_keeps_the_wave_small():
    coaches = [coach(id=1, capacity=32_767), *[coach(id=n, capacity=2) for n in range(2, 40)]]
    intakes = [intake(id=100 + n, place=UTRECHT) for n in range(50)]
    tracemalloc.start()
    result = solve_wave(intakes, coaches, Weights())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(result.assignments) == 50
    assert peak < 20 * 2**20
