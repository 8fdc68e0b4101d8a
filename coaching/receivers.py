"""The coaching app's reactions to events of the apps below it."""

from .services.matches import cancel_matches_for_intake


def end_matches_of_withdrawn_intake(sender, *, intake, by, **kwargs):
    """A withdrawn intake's open proposals and active matches end, and their places are freed."""
    cancel_matches_for_intake(intake, by=by)
