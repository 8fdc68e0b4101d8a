"""Compose a cohort from a waiting list.

Hard rules (never broken, not even by a coordinator's adjustment): nobody in conflict with the
learning manager; never two participants from one municipality; at most `province_cap` from one
province; at most `capacity` places. Within them the composer fills the places greedily, each
time taking the applicant who adds most to the spread (a party not yet in the group counts
double, a municipality size not yet in it once), and on a tie the one who applied first. The
result depends only on the input, not on its order."""

from collections import Counter

from .types import Applicant, Decision, Proposal, Reason, Rules


class _Cohort:
    def __init__(self, rules: Rules):
        self.rules = rules
        self.members: list[Applicant] = []
        self.municipalities: set[int] = set()
        self.provinces: Counter = Counter()
        self.parties: set[str] = set()
        self.sizes: set[str] = set()

    def blocked(self, applicant: Applicant) -> Reason | None:
        """The hard rule that keeps `applicant` out of the cohort as it stands, if any."""
        if applicant.id in self.rules.conflict_applicant_ids:
            return Reason("conflict_person")
        if applicant.municipality_id in self.rules.conflict_municipality_ids:
            return Reason("conflict_municipality")
        if applicant.municipality_id in self.municipalities:
            return Reason("same_municipality")
        if self.provinces[applicant.province_id] >= self.rules.province_cap:
            return Reason("province_full", {"cap": self.rules.province_cap})
        if len(self.members) >= self.rules.capacity:
            return Reason("full", {"capacity": self.rules.capacity})
        return None

    def spread(self, applicant: Applicant) -> int:
        new_party = bool(applicant.party) and applicant.party.casefold() not in self.parties
        return 2 * new_party + (applicant.size not in self.sizes)

    def reasons_for_placing(self, applicant: Applicant) -> list[Reason]:
        reasons = []
        if applicant.party and applicant.party.casefold() not in self.parties:
            reasons.append(Reason("new_party", {"party": applicant.party}))
        if applicant.size not in self.sizes:
            reasons.append(Reason("new_size", {"size": applicant.size}))
        return reasons or [Reason("in_order")]

    def add(self, applicant: Applicant) -> None:
        self.members.append(applicant)
        self.municipalities.add(applicant.municipality_id)
        self.provinces[applicant.province_id] += 1
        if applicant.party:
            self.parties.add(applicant.party.casefold())
        self.sizes.add(applicant.size)


def compose(applicants: list[Applicant], rules: Rules) -> Proposal:
    ordered = sorted(applicants, key=lambda a: (a.order, a.id))
    cohort = _Cohort(rules)
    reasons: dict[int, list[Reason]] = {}
    for applicant in ordered:
        if applicant.pin == "in" and cohort.blocked(applicant) is None:
            reasons[applicant.id] = [Reason("pinned_in"), *cohort.reasons_for_placing(applicant)]
            cohort.add(applicant)
    open_ = [a for a in ordered if a.pin != "out" and a.id not in reasons]
    while True:
        eligible = [a for a in open_ if cohort.blocked(a) is None]
        if not eligible:
            break
        best = min(eligible, key=lambda a: (-cohort.spread(a), a.order, a.id))
        reasons[best.id] = cohort.reasons_for_placing(best)
        cohort.add(best)
        open_.remove(best)
    placed = {a.id for a in cohort.members}
    decisions = []
    for applicant in ordered:
        if applicant.id in placed:
            decisions.append(Decision(applicant.id, True, tuple(reasons[applicant.id])))
        else:
            decisions.append(Decision(applicant.id, False, (_waiting_reason(applicant, cohort),)))
    return Proposal(tuple(decisions))


def _waiting_reason(applicant: Applicant, cohort: _Cohort) -> Reason:
    if applicant.pin == "out":
        return Reason("pinned_out")
    return cohort.blocked(applicant) or Reason("full", {"capacity": cohort.rules.capacity})
