"""All permission predicates of the coaching app: the pool, matches and trajectories."""

import rules  # noqa: F401

from bestuurderspool.accounts.rules import is_coach, is_coordinator, is_wethouder  # noqa: F401
