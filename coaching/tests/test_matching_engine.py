"""The pure engine: hard constraints, explained scores, ranking, and the optimal wave."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.matching import CONSTRAINTS, CoachData, IntakeData, Weights, Wish, rank, solve_wave

UTRECHT = ("GM0344", 52.08, 5.12)
ZWOLLE = ("GM0193", 52.51, 6.09)
MAASTRICHT = ("GM0935", 50.85, 5.69)


def coach(id=1, place=ZWOLLE, **kwargs):
    defaults = {"active": True, "capacity": 2, "load": 0, "themes": frozenset({"media", "council"})}
    return CoachData(id=id, home_municipality=place[0], lat=place[1], lon=place[2], **{**defaults, **kwargs})


def intake(id=100, place=UTRECHT, **kwargs):
    defaults = {"themes": frozenset({"media", "council", "threats"})}
    return IntakeData(id=id, municipality=place[0], lat=place[1], lon=place[2], **{**defaults, **kwargs})


def exclusion_codes(the_intake, the_coach):
    ranking = rank(the_intake, [the_coach], Weights())
    return [reason.code for exclusion in ranking.exclusions for reason in exclusion.reasons]


@pytest.mark.parametrize(
    ("intake_kwargs", "coach_kwargs", "code"),
    [
        ({}, {"active": False}, "inactive"),
        ({}, {"load": 2}, "no_capacity"),
        ({}, {"place": UTRECHT}, "own_municipality"),
        ({}, {"governed_municipalities": frozenset({"GM0344"})}, "governed_municipality"),
        ({}, {"conflict_municipalities": frozenset({"GM0344"})}, "declared_conflict"),
        (
            {"person_keys": frozenset({"anna@x.nl"})},
            {"conflict_person_keys": frozenset({"anna@x.nl"})},
            "declared_conflict",
        ),
        ({"excluded_coach_ids": frozenset({1})}, {}, "previous_no_klik"),
        (
            {"background": Wish(frozenset({"ex_burgemeester"}), must=True)},
            {"backgrounds": frozenset({"ex_wethouder"})},
            "must_background",
        ),
        ({"gender": Wish(frozenset({"female"}), must=True)}, {"gender": "male"}, "must_gender"),
        (
            {"party": "D66", "political": Wish(frozenset({"same_party"}), must=True)},
            {"party": "VVD"},
            "must_political",
        ),
        ({"distance": Wish(frozenset({"nearby"}), must=True)}, {"place": MAASTRICHT}, "must_distance"),
        (
            {"distance": Wish(frozenset({"far"}), must=True)},
            {"place": ("GM0307", 52.15, 5.38)},
            "must_distance",
        ),
    ],
)
def test_each_hard_constraint_excludes(intake_kwargs, coach_kwargs, code):
    assert exclusion_codes(intake(**intake_kwargs), coach(**coach_kwargs)) == [code]


def test_eligible_coach_is_not_excluded_and_wishes_that_are_not_musts_only_score():
    the_intake = intake(gender=Wish(frozenset({"female"})), background=Wish(frozenset({"ex_burgemeester"})))
    ranking = rank(the_intake, [coach(gender="male")], Weights())
    assert ranking.exclusions == ()
    criteria = {c.code: c for c in ranking.proposals[0].criteria}
    assert (criteria["gender"].value, criteria["background"].value) == (0.0, 0.0)
    assert criteria["themes"].params == {"matched": 2, "total": 3}


def test_all_reasons_are_named_with_the_main_one_first():
    assert exclusion_codes(intake(excluded_coach_ids=frozenset({1})), coach(active=False, place=UTRECHT)) == [
        "inactive",
        "own_municipality",
        "previous_no_klik",
    ]


def test_must_distance_names_the_distance():
    ranking = rank(intake(distance=Wish(frozenset({"nearby"}), must=True)), [coach(place=MAASTRICHT)], Weights())
    assert ranking.exclusions[0].reasons[0].params["km"] == 142


def test_ranking_orders_by_score_then_load_then_id():
    coaches = [
        coach(1, themes=frozenset({"media"}), load=0),
        coach(2, load=1),
        coach(3, load=0),
        coach(4, load=0),
    ]
    assert [p.coach_id for p in rank(intake(), coaches, Weights(workload=0), limit=3).proposals] == [3, 4, 2]


def test_previous_no_klik_coach_never_comes_back_in_rank_or_wave():
    coaches = [coach(1), coach(2, themes=frozenset())]
    the_intake = intake(excluded_coach_ids=frozenset({1}))
    assert [p.coach_id for p in rank(the_intake, coaches, Weights()).proposals] == [2]
    assert [a.coach_id for a in solve_wave([the_intake], coaches, Weights()).assignments] == [2]


def test_invalid_weights_are_refused():
    with pytest.raises(ValueError, match="negative"):
        Weights(themes=-1)
    with pytest.raises(ValueError, match="positive"):
        Weights(
            **dict.fromkeys(
                (
                    "themes",
                    "background",
                    "distance",
                    "political",
                    "gender",
                    "observation",
                    "availability",
                    "workload",
                ),
                0,
            )
        )


# --- properties ------------------------------------------------------------------------------

THEMES = ["media", "council", "threats", "integrity"]
DAYS = ["mon_morning", "tue_evening", "fri_morning"]
PLACES = [UTRECHT, ZWOLLE, MAASTRICHT, ("GM0363", 52.37, 4.89)]


@st.composite
def coaches_strategy(draw, max_size=4):
    n = draw(st.integers(1, max_size))
    return [
        coach(
            j + 1,
            place=draw(st.sampled_from(PLACES)),
            capacity=(capacity := draw(st.integers(1, 3))),
            load=draw(st.integers(0, capacity)),
            active=draw(st.booleans()) or draw(st.booleans()),
            themes=frozenset(draw(st.sets(st.sampled_from(THEMES)))),
            availability=frozenset(draw(st.sets(st.sampled_from(DAYS)))),
            gender=draw(st.sampled_from(["female", "male", None])),
            observes=draw(st.booleans()),
            party=draw(st.sampled_from(["D66", "VVD", None])),
        )
        for j in range(n)
    ]


@st.composite
def intakes_strategy(draw, max_size=6):
    n = draw(st.integers(1, max_size))
    result = []
    for i in range(n):
        gender = draw(st.sampled_from([None, Wish(frozenset({"female"})), Wish(frozenset({"male"}), must=True)]))
        result.append(
            intake(
                100 + i,
                place=draw(st.sampled_from(PLACES)),
                themes=frozenset(draw(st.sets(st.sampled_from(THEMES), min_size=1))),
                availability=frozenset(draw(st.sets(st.sampled_from(DAYS)))),
                gender=gender,
                party=draw(st.sampled_from(["D66", None])),
                wants_observation=draw(st.booleans()),
                distance=draw(
                    st.sampled_from([None, Wish(frozenset({"nearby"})), Wish(frozenset({"far"}), must=True)])
                ),
            )
        )
    return result


@settings(max_examples=60, deadline=None)
@given(intakes_strategy(max_size=1), coaches_strategy())
def test_explanations_add_up_to_the_score_exactly(intakes, coaches):
    for proposal in rank(intakes[0], coaches, Weights()).proposals:
        total = 0.0
        for criterion in proposal.criteria:
            assert criterion.points == pytest.approx(criterion.weight * criterion.value / Weights().total)
            total += criterion.points
        assert total == proposal.score


def brute_force(intakes, coaches, weights):
    """Best (matched, score) over every feasible assignment, by enumeration."""
    options = []
    for the_intake in intakes:
        ranking = rank(the_intake, coaches, weights, limit=len(coaches))
        options.append([None] + [(p.coach_id, p.score) for p in ranking.proposals])
    best = (0, 0.0)
    free = {c.id: c.free for c in coaches}
    for combo in itertools.product(*options):
        used = {}
        for choice in combo:
            if choice:
                used[choice[0]] = used.get(choice[0], 0) + 1
        if all(count <= free[cid] for cid, count in used.items()):
            chosen = [choice for choice in combo if choice]
            best = max(best, (len(chosen), sum(score for _, score in chosen)))
    return best


@settings(max_examples=60, deadline=None)
@given(intakes_strategy(max_size=5), coaches_strategy(max_size=3))
def test_wave_is_optimal_against_brute_force(intakes, coaches):
    result = solve_wave(intakes, coaches, Weights())
    matched, score = brute_force(intakes, coaches, Weights())
    assert len(result.assignments) == matched
    assert result.total_score == pytest.approx(score, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(intakes_strategy(), coaches_strategy())
def test_wave_respects_capacity_constraints_and_accounts_for_everyone(intakes, coaches):
    result = solve_wave(intakes, coaches, Weights())
    per_coach = {}
    for assignment in result.assignments:
        per_coach[assignment.coach_id] = per_coach.get(assignment.coach_id, 0) + 1
        the_intake = next(i for i in intakes if i.id == assignment.intake_id)
        the_coach = next(c for c in coaches if c.id == assignment.coach_id)
        assert exclusion_codes(the_intake, the_coach) == []
    assert all(count <= next(c for c in coaches if c.id == cid).free for cid, count in per_coach.items())
    accounted = sorted([a.intake_id for a in result.assignments] + [u.intake_id for u in result.unmatched])
    assert accounted == sorted(i.id for i in intakes)


def test_scarce_wave_lists_the_rest_as_capacity_exhausted():
    intakes = [intake(100 + n) for n in range(3)]
    result = solve_wave(intakes, [coach(1, capacity=2)], Weights())
    assert len(result.assignments) == 2
    assert [(u.reason_code, u.params) for u in result.unmatched] == [("capacity_exhausted", {"eligible": 1})]


def test_intake_without_eligible_coach_says_why():
    result = solve_wave([intake()], [coach(1, place=UTRECHT), coach(2, active=False)], Weights())
    assert result.unmatched[0].reason_code == "no_eligible_coach"
    assert result.unmatched[0].params == {"excluded": {"own_municipality": 1, "inactive": 1}}


def test_constraint_codes_are_stable():
    assert CONSTRAINTS[0] == "inactive"
    assert len(set(CONSTRAINTS)) == 10
