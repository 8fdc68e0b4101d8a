"""Loading plain data for the matching engine, in a constant number of queries."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from bestuurderspool.municipalities.names import normalise
from intake.enums import IntakeState
from intake.models import Intake

from ..enums import MatchState
from ..explain import criterion_label, criterion_sentence, exclusion_sentence
from ..matching import CoachData, IntakeData, Weights, Wish, rank
from ..models import CoachProfile, CoachStatus, ConflictOfInterest, FormerRole, Match, MatchingWeights

#: Match outcomes that rule a coach out for that wethouder from then on.
REJECTED_STATES = [MatchState.NO_KLIK, MatchState.DECLINED, MatchState.EXPIRED]


def load_weights() -> Weights:
    row = MatchingWeights.current()
    names = (
        "themes",
        "background",
        "distance",
        "political",
        "gender",
        "observation",
        "availability",
        "workload",
    )
    return Weights(**{name: getattr(row, name) for name in (*names, "nearby_km", "far_km")})


def _is_active(profile: CoachProfile, today) -> bool:
    paused = profile.status == CoachStatus.PAUSED and (profile.paused_until is None or profile.paused_until > today)
    return profile.user.is_active and not paused and profile.home_municipality_id is not None


def load_coaches() -> list[CoachData]:
    """Every coach in the pool as the engine sees them (4 queries, whatever the pool's size)."""
    profiles = CoachProfile.objects.select_related("user", "home_municipality", "party").prefetch_related(
        Prefetch("former_roles", queryset=FormerRole.objects.select_related("municipality")),
        Prefetch("conflicts", queryset=ConflictOfInterest.objects.select_related("municipality")),
    )
    today = timezone.localdate()
    return [_coach_data(profile, today) for profile in profiles]


def _coach_data(profile: CoachProfile, today) -> CoachData:
    home = profile.home_municipality
    conflicts = list(profile.conflicts.all())
    return CoachData(
        id=profile.user_id,
        active=_is_active(profile, today),
        capacity=profile.capacity,
        load=profile.active_load,
        home_municipality=home.code if home else "",
        lat=home.latitude if home else 0.0,
        lon=home.longitude if home else 0.0,
        governed_municipalities=frozenset(r.municipality.code for r in profile.former_roles.all() if r.municipality),
        conflict_municipalities=frozenset(c.municipality.code for c in conflicts if c.municipality),
        conflict_person_keys=frozenset(_person_keys(c.person_name, c.person_email) for c in conflicts) - {""},
        backgrounds=frozenset(r.background for r in profile.former_roles.all()),
        themes=frozenset(profile.themes),
        party=normalise(profile.party_name) or None,
        gender=profile.gender or None,
        availability=frozenset(profile.availability),
        observes=profile.observes,
    )


def _person_keys(name: str, email: str) -> str:
    return (email or "").strip().lower() or normalise(name or "")


def _wish(values, must: bool) -> Wish | None:
    values = frozenset([values] if isinstance(values, str) else values or [])
    return Wish(values, must) if values else None


def intake_data(intake: Intake, excluded_coach_ids=frozenset(), adjustments=None) -> IntakeData:
    wishes = intake.effective_wishes(adjustments)
    person = intake.wethouder
    return IntakeData(
        id=intake.pk,
        municipality=intake.municipality.code,
        lat=intake.municipality.latitude,
        lon=intake.municipality.longitude,
        themes=frozenset(wishes["themes"]),
        person_keys=frozenset({person.email.lower(), normalise(person.get_full_name())}) - {""},
        party=normalise(intake.party_name) or None,
        excluded_coach_ids=frozenset(excluded_coach_ids),
        background=_wish(wishes["wish_backgrounds"], wishes["wish_backgrounds_must"]),
        gender=_wish(wishes["wish_gender"], wishes["wish_gender_must"]),
        political=_wish(wishes["wish_political"], wishes["wish_political_must"]),
        distance=_wish(wishes["wish_distance"], wishes["wish_distance_must"]),
        wants_observation=wishes["wants_observation"],
        availability=frozenset(wishes["availability"]),
    )


def rejected_coach_ids(intake_ids) -> dict[int, set[int]]:
    """Per intake, the coaches it must never be proposed again (no klik, declined, no answer)."""
    rows = Match.objects.filter(intake_id__in=intake_ids, state__in=REJECTED_STATES).values_list(
        "intake_id", "coach_id"
    )
    rejected = defaultdict(set)
    for intake_id, coach_id in rows:
        rejected[intake_id].add(coach_id)
    return rejected


def load_intake(intake: Intake) -> IntakeData:
    intake = (
        Intake.objects.select_related("wethouder", "municipality", "party")
        .prefetch_related("adjustments")
        .get(pk=intake.pk)
    )
    return intake_data(intake, rejected_coach_ids([intake.pk])[intake.pk], list(intake.adjustments.all()))


def ready_intakes():
    return (
        Intake.objects.filter(state=IntakeState.READY_FOR_MATCHING, municipality__isnull=False)
        .select_related("wethouder", "municipality", "party")
        .prefetch_related("adjustments")
        .order_by("submitted_at", "pk")
    )


def load_ready_intakes() -> list[IntakeData]:
    """Every intake ready for matching, for a wave (3 queries)."""
    intakes = list(ready_intakes())
    rejected = rejected_coach_ids([i.pk for i in intakes])
    return [intake_data(i, rejected[i.pk], list(i.adjustments.all())) for i in intakes]


def ranking_for_intake(intake: Intake, *, limit: int = 5) -> dict:
    """The ranked proposals and the excluded coaches of one intake, with the coach users loaded
    and every score and exclusion put into words."""
    ranking = rank(load_intake(intake), load_coaches(), load_weights(), limit=limit)
    ids = [p.coach_id for p in ranking.proposals] + [e.coach_id for e in ranking.exclusions]
    users = get_user_model().objects.in_bulk(ids)
    proposals = [
        {
            "coach": users[p.coach_id],
            "rank": p.rank,
            "score": p.score,
            "percent": round(p.score * 100),
            "criteria": [
                {
                    "label": criterion_label(c.code),
                    "sentence": criterion_sentence(c.code, c.value, c.params),
                    "points": c.points,
                    "max_points": c.weight / sum(x.weight for x in p.criteria),
                }
                for c in p.criteria
            ],
        }
        for p in ranking.proposals
    ]
    exclusions = [
        {"coach": users[e.coach_id], "reasons": [exclusion_sentence(r.code, r.params) for r in e.reasons]}
        for e in sorted(ranking.exclusions, key=lambda e: str(users[e.coach_id]))
    ]
    return {"proposals": proposals, "exclusions": exclusions}


def stored_explanation(match: Match) -> list[dict]:
    """The explanation saved with a proposal, in words."""
    total = sum(c["weight"] for c in match.explanation) or 1
    return [
        {
            "label": criterion_label(c["code"]),
            "sentence": criterion_sentence(c["code"], c["value"], c["params"]),
            "points": c["points"],
            "max_points": c["weight"] / total,
        }
        for c in match.explanation
    ]
