"""The intake's steps: which answers each step asks, and which of them a submission needs.

The first question is what the wethouder asks for (`Offer`). Steps 2 to 5 are about the
personal coach only (the coaching question, the self-reflection that coach and wethouder come
back to, the wishes for the coach, observation and meeting rhythm); for a place in the BLOT
alone they are skipped: not shown, not required, and their answers not submitted.

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
            "offer",
            "phone",
            "municipality",
            "portfolio",
            "party",
            "local_party",
            "installed_on",
            "first_term",
            "earlier_roles",
        ),
        required=("offer", "municipality", "portfolio", "party_or_local_party", "installed_on", "first_term"),
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
        ),
        required=("availability", "meeting_places", "observation_settings_if_wanted"),
    ),
    Step(6, "submit", _("Check and submit"), (), required=("consent",)),
)
STEP_BY_NUMBER = {step.number: step for step in STEPS}
LAST_STEP = STEPS[-1].number
#: The steps that only matter for a personal coach.
COACH_STEPS = frozenset({2, 3, 4, 5})
#: Their answers, which a BLOT-only submission leaves empty.
COACH_FIELDS = tuple(field for step in STEPS if step.number in COACH_STEPS for field in step.fields)


def steps_for(intake) -> tuple[Step, ...]:
    """The steps this intake shows: all of them, or without the coach's steps for the BLOT alone."""
    if intake.wants_coach:
        return STEPS
    return tuple(step for step in STEPS if step.number not in COACH_STEPS)


def next_step(intake, number: int) -> int:
    """The first step shown after `number` (the check page at the end)."""
    return next((step.number for step in steps_for(intake) if step.number > number), LAST_STEP)


def previous_step(intake, number: int) -> int | None:
    earlier = [step.number for step in steps_for(intake) if step.number < number]
    return earlier[-1] if earlier else None


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
    for step in steps_for(intake):
        gaps = [
            requirement
            for requirement in step.required
            if not (requirement == "consent" and consent_given) and not _is_answered(intake, requirement)
        ]
        if gaps:
            missing[step.number] = gaps
    return missing
