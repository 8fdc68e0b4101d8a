"""The intake's steps: which answers each step asks, and which of them a submission needs.

The wethouder can leave after any step and come back: every step is saved as a draft. Only the
final submission checks that every required answer is there (`missing_answers`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    fields: tuple[str, ...]
    required: tuple[str, ...] = ()


STEPS = (
    Step(
        1,
        "about",
        _("About you"),
        (
            "phone",
            "municipality",
            "portfolio",
            "party",
            "local_party",
            "installed_on",
            "first_term",
            "earlier_roles",
        ),
        required=("municipality", "portfolio", "party_or_local_party", "installed_on", "first_term"),
    ),
    Step(2, "coaching", _("Your coaching question"), ("themes", "question"), required=("themes", "question")),
    Step(
        3,
        "reflection",
        _("Self-reflection"),
        ("hardest_role", "partner_frameworks", "partner_process", "partner_dialogue", "partner_feedback"),
    ),
    Step(
        4,
        "wishes",
        _("Your wishes for the coach"),
        (
            "wish_backgrounds",
            "wish_backgrounds_must",
            "wish_gender",
            "wish_gender_must",
            "wish_political",
            "wish_political_must",
            "wish_distance",
            "wish_distance_must",
        ),
    ),
    Step(
        5,
        "practical",
        _("Observation and practical matters"),
        (
            "wants_observation",
            "observation_settings",
            "availability",
            "meeting_places",
            "preferred_sessions",
            "preferred_months",
            "wants_group_track",
        ),
        required=("availability", "meeting_places", "observation_settings_if_wanted"),
    ),
    Step(6, "submit", _("Check and submit"), (), required=("consent",)),
)
STEP_BY_NUMBER = {step.number: step for step in STEPS}
LAST_STEP = STEPS[-1].number


def _is_answered(intake, requirement: str) -> bool:
    if requirement == "party_or_local_party":
        return bool(intake.party_id or intake.local_party.strip())
    if requirement == "observation_settings_if_wanted":
        return not intake.wants_observation or bool(intake.observation_settings)
    if requirement == "consent":
        return intake.consent_given_at is not None
    value = getattr(intake, requirement if requirement != "municipality" else "municipality_id")
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return value is not None


def missing_answers(intake, *, consent_given: bool = False) -> dict[int, list[str]]:
    """Required answers still missing, by step number. `consent_given`: the consent box of the
    submission being made counts as given."""
    missing = {}
    for step in STEPS:
        gaps = [
            requirement
            for requirement in step.required
            if not (requirement == "consent" and consent_given) and not _is_answered(intake, requirement)
        ]
        if gaps:
            missing[step.number] = gaps
    return missing
