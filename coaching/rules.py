"""All permission predicates of the coaching app: the pool, matches and trajectories."""

import rules

from bestuurderspool.accounts.rules import is_coach, is_coordinator, is_wethouder


@rules.predicate
def is_match_coach(user, match) -> bool:
    return match is not None and match.coach_id == user.pk


@rules.predicate
def is_match_wethouder(user, match) -> bool:
    return match is not None and match.wethouder_id == user.pk


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return profile is not None and profile.user_id == user.pk


# The pool
rules.add_perm("coaching.view_pool", is_coordinator)
rules.add_perm("coaching.import_pool", is_coordinator)
rules.add_perm("coaching.view_weights", is_coordinator)
rules.add_perm("coaching.change_coach_profile", is_coordinator | (is_coach & is_own_profile))

# Matching
rules.add_perm("coaching.manage_matching", is_coordinator)
rules.add_perm("coaching.view_match", is_coordinator | is_match_coach | is_match_wethouder)
rules.add_perm("coaching.answer_match", is_coach & is_match_coach)
rules.add_perm("coaching.plan_kennismaking", is_coordinator | (is_coach & is_match_coach))
rules.add_perm("coaching.answer_klik", (is_coach & is_match_coach) | (is_wethouder & is_match_wethouder))
