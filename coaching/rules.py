"""All permission predicates of the coaching app: the pool, matches and trajectories."""

import rules

from bestuurderspool.accounts.rules import is_coach, is_coordinator, is_wethouder

from .enums import ACQUAINTED_STATES


@rules.predicate
def is_match_coach(user, match) -> bool:
    return match is not None and match.coach_id == user.pk


@rules.predicate
def is_match_wethouder(user, match) -> bool:
    return match is not None and match.wethouder_id == user.pk


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return profile is not None and profile.user_id == user.pk


@rules.predicate
def is_acquainted_with_coach(user, profile) -> bool:
    """The user is the wethouder of a match this coach has accepted and that has not closed."""
    if profile is None:
        return False
    return profile.user.coach_matches.filter(wethouder=user, state__in=ACQUAINTED_STATES).exists()


# The pool
rules.add_perm("coaching.view_pool", is_coordinator)
rules.add_perm("coaching.import_pool", is_coordinator)
rules.add_perm("coaching.export_reports", is_coordinator)
rules.add_perm("coaching.view_weights", is_coordinator)
rules.add_perm("coaching.change_coach_profile", is_coordinator | (is_coach & is_own_profile))
rules.add_perm("coaching.write_introduction", is_coach & is_own_profile)
may_see_coach_photo = is_coordinator | (is_coach & is_own_profile) | (is_wethouder & is_acquainted_with_coach)
rules.add_perm("coaching.view_coach_photo", may_see_coach_photo)

# Matching
rules.add_perm("coaching.manage_matching", is_coordinator)
rules.add_perm("coaching.view_match", is_coordinator | is_match_coach | is_match_wethouder)
rules.add_perm("coaching.answer_match", is_coach & is_match_coach)
rules.add_perm("coaching.plan_kennismaking", is_coordinator | (is_coach & is_match_coach))
rules.add_perm("coaching.answer_klik", (is_coach & is_match_coach) | (is_wethouder & is_match_wethouder))


@rules.predicate
def is_acquainted(user, match) -> bool:
    """The coach has accepted and the match has not closed: the two sides may reach each other."""
    return match is not None and match.state in ACQUAINTED_STATES


rules.add_perm(
    "coaching.view_contact_details", ((is_coach & is_match_coach) | (is_wethouder & is_match_wethouder)) & is_acquainted
)


# Trajectories. The object is the trajectory (for an evaluation: the evaluation).
@rules.predicate
def is_trajectory_coach(user, trajectory) -> bool:
    return trajectory is not None and trajectory.coach_id == user.pk


@rules.predicate
def is_trajectory_wethouder(user, trajectory) -> bool:
    return trajectory is not None and trajectory.wethouder_id == user.pk


@rules.predicate
def is_shared_with_coach(user, evaluation) -> bool:
    return evaluation is not None and evaluation.share_with_coach and evaluation.trajectory.coach_id == user.pk


@rules.predicate
def is_evaluation_author(user, evaluation) -> bool:
    return evaluation is not None and evaluation.trajectory.wethouder_id == user.pk


is_trajectory_party = is_trajectory_coach | is_trajectory_wethouder

rules.add_perm("coaching.view_trajectory", is_coordinator | is_trajectory_party)
rules.add_perm("coaching.view_trajectory_overview", is_coordinator)
rules.add_perm("coaching.plan_trajectory", is_trajectory_party)
rules.add_perm("coaching.change_appointment", is_trajectory_party)
# The wethouder's wishes lead, the coach agrees: the coach moves an appointment, the wethouder
# proposes a move (and may withdraw it), the coach answers it.
rules.add_perm("coaching.reschedule_appointment", is_coach & is_trajectory_coach)
rules.add_perm("coaching.propose_move", is_wethouder & is_trajectory_wethouder)
rules.add_perm("coaching.withdraw_move", is_wethouder & is_trajectory_wethouder)
rules.add_perm("coaching.answer_move", is_coach & is_trajectory_coach)
# Why an appointment changes (a move, a cancellation, a proposal and its answer) is for the two of
# them; coordinators see the planning only.
rules.add_perm("coaching.read_change_reasons", is_trajectory_party)
rules.add_perm("coaching.log_appointment", is_coach & is_trajectory_coach)
rules.add_perm("coaching.propose_extra", is_trajectory_party)
rules.add_perm("coaching.answer_extra", is_trajectory_party)
rules.add_perm("coaching.request_extension", is_trajectory_wethouder)
rules.add_perm("coaching.answer_extension", is_coach & is_trajectory_coach)
rules.add_perm("coaching.request_other_coach", is_trajectory_wethouder)
rules.add_perm("coaching.handle_coach_change", is_coordinator)
rules.add_perm("coaching.evaluate", is_trajectory_wethouder)
rules.add_perm("coaching.end_trajectory", is_coordinator | (is_coach & is_trajectory_coach))
rules.add_perm("coaching.switch_coach", is_coordinator)
# The core promise: private notes are the writing coach's alone; shared summaries and observation
# reports are for coach and wethouder; coordinators read none of them.
rules.add_perm("coaching.read_private_notes", is_coach & is_trajectory_coach)
rules.add_perm("coaching.read_shared_report", is_trajectory_party)
rules.add_perm("coaching.read_evaluation_text", is_evaluation_author | is_shared_with_coach)
