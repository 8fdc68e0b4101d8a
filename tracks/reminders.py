"""Reminders of track sessions, planned by the existing reminder system."""


def register() -> None:
    """Filled in with the session reminders."""
