"""Celery finds `coaching.tasks`; each subject's tasks live in a submodule imported here."""

from .matches import expire_unanswered_matches, send_match_email
from .pool import import_pool_file, sweep_pool_imports

__all__ = ["expire_unanswered_matches", "import_pool_file", "send_match_email", "sweep_pool_imports"]
