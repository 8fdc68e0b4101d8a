"""The cohort composer: plain data in, a proposed cohort with reasons out. No Django import:
`tracks.selectors.composer_input` loads the data, `tracks.explain` puts the reasons in words."""

from .engine import compose
from .types import Applicant, Decision, Proposal, Reason, Rules, size_class

__all__ = ["Applicant", "Decision", "Proposal", "Reason", "Rules", "compose", "size_class"]
