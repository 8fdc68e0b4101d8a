"""The cohort composer: pure code, hard rules always hold, reasons for everyone, deterministic."""

import random

from hypothesis import given
from hypothesis import strategies as st

from tracks.composer import Applicant, Rules, compose


def _applicant(id, municipality, province, party="CDA", population=30_000, pin=""):
    return Applicant(id, municipality, province, party, population, order=id, pin=pin)


def _codes(proposal, applicant_id):
    return [reason.code for reason in proposal.decision_for(applicant_id).reasons]


def test_never_two_from_one_municipality():
    proposal = compose([_applicant(1, 10, 1), _applicant(2, 10, 1)], Rules(capacity=5, province_cap=5))
    assert proposal.placed_ids == [1]
    assert _codes(proposal, 2) == ["same_municipality"]


def test_at_most_the_cap_from_one_province():
    applicants = [_applicant(n, 10 + n, 1) for n in range(1, 4)]
    proposal = compose(applicants, Rules(capacity=5, province_cap=2))
    assert proposal.placed_ids == [1, 2]
    assert _codes(proposal, 3) == ["province_full"]


def test_spread_of_parties_goes_before_the_order_of_application():
    applicants = [_applicant(1, 11, 1, "CDA"), _applicant(2, 12, 2, "CDA"), _applicant(3, 13, 3, "GroenLinks-PvdA")]
    proposal = compose(applicants, Rules(capacity=2, province_cap=2))
    assert proposal.placed_ids == [1, 3]
    assert _codes(proposal, 3) == ["new_party"]
    assert _codes(proposal, 2) == ["full"]


def test_spread_of_sizes():
    applicants = [_applicant(1, 11, 1), _applicant(2, 12, 2), _applicant(3, 13, 3, population=250_000)]
    proposal = compose(applicants, Rules(capacity=2, province_cap=2))
    assert proposal.placed_ids == [1, 3]
    assert _codes(proposal, 3) == ["new_size"]


def test_the_learning_manager_has_no_conflict_with_anyone_placed():
    applicants = [_applicant(1, 11, 1), _applicant(2, 12, 2)]
    rules = Rules(
        capacity=5, province_cap=2, conflict_municipality_ids=frozenset({11}), conflict_applicant_ids=frozenset({2})
    )
    proposal = compose(applicants, rules)
    assert proposal.placed_ids == []
    assert (_codes(proposal, 1), _codes(proposal, 2)) == (["conflict_municipality"], ["conflict_person"])


def test_a_coordinator_pin_moves_someone_in_or_out_within_the_hard_rules():
    applicants = [_applicant(1, 11, 1), _applicant(2, 12, 1, pin="out"), _applicant(3, 13, 1, pin="in")]
    proposal = compose(applicants, Rules(capacity=2, province_cap=2))
    assert proposal.placed_ids == [1, 3]
    assert _codes(proposal, 3)[0] == "pinned_in"
    assert _codes(proposal, 2) == ["pinned_out"]
    displaced = compose([_applicant(1, 11, 1), _applicant(2, 11, 1, pin="in")], Rules(capacity=2, province_cap=2))
    assert displaced.placed_ids == [2]
    assert _codes(displaced, 1) == ["same_municipality"]
    both = compose([_applicant(1, 11, 1, pin="in"), _applicant(2, 11, 1, pin="in")], Rules(capacity=2, province_cap=2))
    assert both.placed_ids == [1]
    assert _codes(both, 2) == ["same_municipality"]


applicant_lists = st.lists(
    st.builds(
        lambda m, p, party, population, pin: (m, p, party, population, pin),
        st.integers(1, 12),
        st.integers(1, 4),
        st.sampled_from(["CDA", "VVD", "D66", "", "Lokaal Belang"]),
        st.integers(1_000, 300_000),
        st.sampled_from(["", "", "in", "out"]),
    ),
    max_size=30,
)


def _from(rows):
    return [Applicant(n, m, p, party, pop, order=n, pin=pin) for n, (m, p, party, pop, pin) in enumerate(rows)]


@given(applicant_lists, st.integers(1, 15), st.integers(1, 5), st.frozensets(st.integers(1, 12), max_size=3))
def test_the_hard_rules_always_hold(rows, capacity, cap, conflicts):
    applicants = _from(rows)
    proposal = compose(applicants, Rules(capacity, cap, conflict_municipality_ids=conflicts))
    placed = [a for a in applicants if a.id in set(proposal.placed_ids)]
    municipalities = [a.municipality_id for a in placed]
    assert len(placed) <= capacity
    assert len(municipalities) == len(set(municipalities))
    assert all(municipalities.count(m) <= 1 for m in municipalities)
    assert all(sum(a.province_id == p for a in placed) <= cap for p in {a.province_id for a in placed})
    assert not set(municipalities) & conflicts
    assert not {a.id for a in placed if a.pin == "out"}
    assert [d.applicant_id for d in proposal.decisions] == [a.id for a in applicants]
    assert all(d.reasons for d in proposal.decisions)


@given(applicant_lists, st.integers(1, 15), st.integers(1, 5), st.randoms(use_true_random=False))
def test_the_proposal_does_not_depend_on_the_input_order(rows, capacity, cap, rnd: random.Random):
    applicants = _from(rows)
    shuffled = list(applicants)
    rnd.shuffle(shuffled)
    rules = Rules(capacity, cap)
    assert compose(shuffled, rules) == compose(applicants, rules)


@given(applicant_lists, st.integers(1, 15), st.integers(1, 5))
def test_nobody_waits_who_could_have_been_placed(rows, capacity, cap):
    """Every waiting applicant (not kept out by a coordinator) is blocked by a hard rule."""
    applicants = _from(rows)
    proposal = compose(applicants, Rules(capacity, cap))
    for decision in proposal.decisions:
        if not decision.placed:
            assert decision.reasons[0].code in {"same_municipality", "province_full", "full", "pinned_out"}
