"""Loading plain data for the matching engine, in a constant number of queries."""

from collections import defaultdict
from dataclasses import replace

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone

from bestuurderspool.municipalities.names import normalise
from intake.enums import IntakeState
from intake.models import Intake

from ..enums import MatchState
from ..explain import criterion_label, criterion_sentence, exclusion_sentence
from ..matching import CoachData, IntakeData, Weights, Wish, rank
from ..models import CoachProfile, CoachStatus, ConflictOfInterest, FormerRole, Match, MatchEvent, MatchingWeights

#: Match outcomes that rule a coach out for that wethouder from then on.
REJECTED_STATES = [MatchState.NO_KLIK, MatchState.DECLINED, MatchState.EXPIRED, MatchState.SWITCHED]


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


PROFILE_COLUMNS = (
    "user_id",
    "user__is_active",
    "status",
    "paused_until",
    "capacity",
    "active_load",
    "home_municipality__code",
    "home_municipality__latitude",
    "home_municipality__longitude",
    "themes",
    "party__short_name",
    "local_party",
    "gender",
    "availability",
    "observes",
)


#: The engine's view of the pool is cached this long at most; a change to any profile, former role
#: or conflict makes a new cache key at once (`_pool_fingerprint`).
POOL_CACHE_SECONDS = 3600
#: What changes with every approval, answer or pause: always read fresh.
PLACES_COLUMNS = ("user_id", "user__is_active", "status", "paused_until", "capacity", "active_load")


def load_coaches(profiles=None) -> list[CoachData]:
    """Coaches as the engine sees them: the whole pool, or the given profiles queryset (read fresh).

    The whole pool's attributes (home, themes, roles, conflicts, ...) change rarely and take most
    of the loading, so they are cached, keyed by a fingerprint of the pool tables; the places
    (capacity, load, status, active account) change with every approval and are read fresh.
    Every ranking pays four small queries instead of three large ones.
    """
    if profiles is not None:
        return _read_coaches(profiles)
    key = "matching:pool:" + _pool_fingerprint()
    attributes = cache.get(key)
    if attributes is None:
        attributes = _read_coaches(CoachProfile.objects.all())
        cache.set(key, attributes, POOL_CACHE_SECONDS)
    places = {row[0]: row for row in CoachProfile.objects.values_list(*PLACES_COLUMNS)}
    today = timezone.localdate()
    return [_with_places(coach, places[coach.id], today) for coach in attributes if coach.id in places]


def _pool_fingerprint() -> str:
    """Changes whenever a coach's matching attributes may have: a profile saved (`updated_at`;
    the profile form, the import and the admin all save it), a coach added or removed, a former
    role or conflict added or removed (the import replaces them). Three small aggregates."""
    parts = [
        CoachProfile.objects.aggregate(n=Count("pk"), last=Max("updated_at")),
        FormerRole.objects.aggregate(n=Count("pk"), last=Max("pk")),
        ConflictOfInterest.objects.aggregate(n=Count("pk"), last=Max("pk")),
    ]
    return ":".join(f"{part['n']}-{part['last']}" for part in parts).replace(" ", "T")


def _with_places(coach: CoachData, row: tuple, today) -> CoachData:
    _user_id, is_active, status, paused_until, capacity, load = row
    active = _is_active(is_active, status, paused_until, coach.home_municipality, today)
    if (active, capacity, load) == (coach.active, coach.capacity, coach.load):
        return coach  # most coaches: a new frozen instance per coach costs more than this comparison
    return replace(coach, active=active, capacity=capacity, load=load)


def _is_active(is_active: bool, status: str, paused_until, home: str | None, today) -> bool:
    paused = status == CoachStatus.PAUSED and (paused_until is None or paused_until > today)
    return bool(is_active and not paused and home)


def _read_coaches(profiles) -> list[CoachData]:
    """Three flat queries (profiles, former roles, conflicts), whatever the pool's size; plain
    values rather than model instances."""
    rows = list(profiles.values_list(*PROFILE_COLUMNS))
    ids = [row[0] for row in rows]
    roles, conflicts = defaultdict(list), defaultdict(list)
    for user_id, background, code in FormerRole.objects.filter(coach__user_id__in=ids).values_list(
        "coach__user_id", "background", "municipality__code"
    ):
        roles[user_id].append((background, code))
    for user_id, code, name, email in ConflictOfInterest.objects.filter(coach__user_id__in=ids).values_list(
        "coach__user_id", "municipality__code", "person_name", "person_email"
    ):
        conflicts[user_id].append((code, name, email))
    today = timezone.localdate()
    return [_coach_from_row(dict(zip(PROFILE_COLUMNS, row, strict=True)), roles, conflicts, today) for row in rows]


def _coach_from_row(row: dict, roles, conflicts, today) -> CoachData:
    user_id = row["user_id"]
    home = row["home_municipality__code"]
    own_conflicts = conflicts[user_id]
    return CoachData(
        id=user_id,
        active=_is_active(row["user__is_active"], row["status"], row["paused_until"], home, today),
        capacity=row["capacity"],
        load=row["active_load"],
        home_municipality=home or "",
        lat=row["home_municipality__latitude"] or 0.0,
        lon=row["home_municipality__longitude"] or 0.0,
        governed_municipalities=frozenset(code for _bg, code in roles[user_id] if code),
        conflict_municipalities=frozenset(code for code, _n, _e in own_conflicts if code),
        conflict_person_keys=frozenset(_person_keys(name, email) for _c, name, email in own_conflicts) - {""},
        backgrounds=frozenset(background for background, _code in roles[user_id]),
        themes=frozenset(row["themes"]),
        party=normalise(row["party__short_name"] or row["local_party"]) or None,
        gender=row["gender"] or None,
        availability=frozenset(row["availability"]),
        observes=row["observes"],
    )


def coach_data(profile: CoachProfile) -> CoachData:
    """One coach as the engine sees them, read fresh (used when approving)."""
    return load_coaches(CoachProfile.objects.filter(pk=profile.pk))[0]


def _person_keys(name: str, email: str) -> str:
    return (email or "").strip().lower() or normalise(name or "")


def _wish(values, must: bool) -> Wish | None:
    """A wish as the engine reads it. "No preference" is stored as the empty string: it is no
    value, so it neither costs points nor (as a must) excludes anyone."""
    values = frozenset(value for value in ([values] if isinstance(values, str) else values or []) if value)
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


def rejected_coach_ids(intakes) -> dict[int, set[int]]:
    """Per intake, the coaches it must never be proposed again: those who declined or did not
    answer for this intake, and every coach with whom the wethouder had no klik, in any of their
    intakes (a no-klik is for good). One query."""
    wethouder_of = {intake.pk: intake.wethouder_id for intake in intakes}
    rows = Match.objects.filter(
        Q(intake_id__in=wethouder_of, state__in=REJECTED_STATES)
        | Q(wethouder_id__in=set(wethouder_of.values()), state=MatchState.NO_KLIK)
    ).values_list("intake_id", "wethouder_id", "coach_id", "state")
    by_wethouder = defaultdict(set)
    rejected = defaultdict(set)
    for intake_id, wethouder_id, coach_id, state in rows:
        if state == MatchState.NO_KLIK:
            by_wethouder[wethouder_id].add(coach_id)
        if intake_id in wethouder_of:
            rejected[intake_id].add(coach_id)
    for intake_id, wethouder_id in wethouder_of.items():
        rejected[intake_id] |= by_wethouder[wethouder_id]
    return rejected


def load_intake(intake: Intake) -> IntakeData:
    intake = (
        Intake.objects.select_related("wethouder", "municipality", "party")
        .prefetch_related("adjustments")
        .get(pk=intake.pk)
    )
    return intake_data(intake, rejected_coach_ids([intake])[intake.pk], list(intake.adjustments.all()))


def ready_intakes():
    return (
        Intake.objects.wants_coach()
        .filter(state=IntakeState.READY_FOR_MATCHING, municipality__isnull=False)
        .select_related("wethouder", "municipality", "party")
        .prefetch_related("adjustments")
        .order_by("submitted_at", "pk")
    )


def load_ready_intakes() -> list[IntakeData]:
    """Every intake ready for matching, for a wave (3 queries)."""
    intakes = list(ready_intakes())
    rejected = rejected_coach_ids(intakes)
    return [intake_data(i, rejected[i.pk], list(i.adjustments.all())) for i in intakes]


def ranking_for_intake(intake: Intake, *, limit: int = 5) -> dict:
    """The ranked proposals and the excluded coaches of one intake, with the coach users loaded
    and every score and exclusion put into words."""
    ranking = rank(load_intake(intake), load_coaches(), load_weights(), limit=limit)
    ids = [p.coach_id for p in ranking.proposals] + [e.coach_id for e in ranking.exclusions]
    users = get_user_model().objects.only("first_name", "last_name", "email").in_bulk(ids)  # names only
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


def match_events(intake: Intake):
    """Every step of every match of one intake, oldest first, with who took it and the coach:
    the history coordinators read on the proposals and intake pages (one query)."""
    return MatchEvent.objects.filter(match__intake=intake).select_related("by", "match__coach").order_by("at", "pk")


def intake_match_history(intake: Intake) -> dict:
    """The intake page's section from this app (intake/views.py, COORDINATOR_SECTIONS)."""
    return {"match_events": list(match_events(intake))}
