"""All permission predicates of the instruments: the coach and the wethouder of the trajectory
only. Views check them with django-rules' own permission set (`rules.has_perm`), because Django
answers every `user.has_perm` of a superuser with yes."""

import rules

from coaching.rules import is_trajectory_coach, is_trajectory_wethouder


@rules.predicate
def mirror_is_shared(user, trajectory) -> bool:
    return trajectory is not None and hasattr(trajectory, "mirror_share")


is_party = is_trajectory_coach | is_trajectory_wethouder

rules.add_perm("instruments.use_instruments", is_party)
rules.add_perm("instruments.score_goals", is_trajectory_wethouder)
rules.add_perm("instruments.take_mirror", is_trajectory_wethouder)
rules.add_perm("instruments.view_mirror", is_trajectory_wethouder | (is_trajectory_coach & mirror_is_shared))
rules.add_perm("instruments.reflect_on_observation", is_trajectory_wethouder)
