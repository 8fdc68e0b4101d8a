"""All permission predicates of group tracks. Views check them with django-rules' own
permission set (`rules.has_perm`), because Django answers every `user.has_perm` of a superuser
with yes: the group space is for the participants and the learning manager only."""

import rules

from bestuurderspool.accounts.rules import is_coordinator, is_wethouder


@rules.predicate
def is_learning_manager(user, track) -> bool:
    return track is not None and track.learning_manager_id == user.pk


@rules.predicate
def is_participant(user, track) -> bool:
    return track is not None and track.applications.filter(wethouder=user, state="placed").exists()


is_member = is_learning_manager | is_participant

rules.add_perm("tracks.manage_tracks", is_coordinator)
rules.add_perm("tracks.view_track", is_coordinator | is_member)
rules.add_perm("tracks.apply", is_wethouder)
rules.add_perm("tracks.record_attendance", is_learning_manager)
rules.add_perm("tracks.use_group_space", is_member)
rules.add_perm("tracks.evaluate", is_participant)
rules.add_perm("tracks.add_goal", is_participant)
rules.add_perm("tracks.close_track", is_coordinator)
rules.add_perm("tracks.view_alumni", is_member)
rules.add_perm("tracks.share_contact", is_participant)
rules.add_perm("tracks.plan_talks", is_coordinator | is_learning_manager)
rules.add_perm("tracks.record_talk", is_learning_manager)


@rules.predicate
def is_assignment_participant(user, assignment) -> bool:
    return assignment is not None and assignment.application.wethouder_id == user.pk


@rules.predicate
def is_sponsor(user, assignment) -> bool:
    return assignment is not None and assignment.sponsor_id == user.pk


@rules.predicate
def is_assignment_learning_manager(user, assignment) -> bool:
    return assignment is not None and assignment.application.track.learning_manager_id == user.pk


on_assignment = is_assignment_participant | is_sponsor | is_assignment_learning_manager
rules.add_perm("tracks.view_assignment", on_assignment)
rules.add_perm("tracks.edit_assignment", is_assignment_participant)
rules.add_perm("tracks.comment_on_assignment", on_assignment)
rules.add_perm("tracks.appoint_sponsor", is_coordinator)
