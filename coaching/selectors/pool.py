"""Reads of the pool."""

from collections import defaultdict
from datetime import timedelta

from django.core.cache import cache
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from ..models import CoachProfile, ConflictOfInterest, FormerRole, Match, PoolImport

_EXPORTED = (
    "pk", "user__email", "user__first_name", "user__last_name", "home_municipality__name", "gender",
    "party__short_name", "local_party", "languages", "capacity", "themes", "availability", "observes", "status",
    "paused_until",
)  # fmt: skip


def pool_for_export() -> list[dict]:
    """Every coach as plain values, with `former_roles` and `conflicts` (lists of dicts), in
    three queries and without building model instances: the export of a national pool stays
    within a few milliseconds of the database's time."""
    roles, conflicts = defaultdict(list), defaultdict(list)
    for role in FormerRole.objects.values(
        "coach_id", "background", "municipality__name", "province__name", "start_year", "end_year"
    ):
        roles[role["coach_id"]].append(role)
    for conflict in ConflictOfInterest.objects.order_by("pk").values(
        "coach_id", "municipality__name", "person_name", "person_email"
    ):
        conflicts[conflict["coach_id"]].append(conflict)
    profiles = CoachProfile.objects.order_by("user__email").values(*_EXPORTED)
    return [{**row, "former_roles": roles[row["pk"]], "conflicts": conflicts[row["pk"]]} for row in profiles]


def pool_list(*, status="", theme="", province=None, free_only=False, q=""):
    """The coordinators' view of the pool, in a constant number of queries (their former roles
    loaded; conflicts are not shown in the list)."""
    profiles = CoachProfile.objects.select_related("user", "home_municipality").prefetch_related(
        Prefetch("former_roles", queryset=FormerRole.objects.select_related("municipality", "province"))
    )
    if status:
        profiles = profiles.filter(status=status)
    if theme:
        # On the JSON text, so it works on SQLite (make run) as well as on PostgreSQL.
        profiles = profiles.filter(themes__icontains=f'"{theme}"')
    if province is not None:
        profiles = profiles.filter(home_municipality__province=province)
    if free_only:
        profiles = profiles.filter(active_load__lt=F("capacity"))
    if q:
        profiles = profiles.filter(
            Q(user__first_name__icontains=q) | Q(user__last_name__icontains=q) | Q(user__email__icontains=q)
        )
    return profiles.order_by("user__last_name", "user__first_name")


def coach_home(user) -> dict:
    """The coach's home: their matches (approved or further) and whether to confirm the profile."""
    profile = CoachProfile.objects.filter(user=user).only("profile_confirmed_at").first()
    confirmed = profile.profile_confirmed_at if profile else None
    return {
        "coach_matches": Match.objects.visible_to(user).active().select_related("wethouder", "intake__municipality"),
        "profile_needs_confirmation": confirmed is None or confirmed < timezone.now() - timedelta(days=365),
    }


def import_progress(pool_import) -> dict | None:
    """How far a running pool import is: {"phase", "done", "total", "percent"}, or None."""
    if pool_import.is_finished:
        return None
    progress = cache.get(PoolImport.progress_key(pool_import.pk))
    if not progress:
        return None
    return {**progress, "percent": min(100, round(100 * progress["done"] / max(progress["total"], 1)))}
