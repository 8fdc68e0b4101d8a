"""Celery finds `coaching.tasks`; each subject's tasks live in a submodule imported here."""
