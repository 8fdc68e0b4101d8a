"""Reads of the pool."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from ..models import CoachProfile, ConflictOfInterest, FormerRole, Match, PoolImport


def _with_roles(profiles):
    return profiles.select_related("user", "home_municipality__province", "party").prefetch_related(
        Prefetch("former_roles", queryset=FormerRole.objects.select_related("municipality", "province")),
        Prefetch("conflicts", queryset=ConflictOfInterest.objects.select_related("municipality")),
    )


def pool_for_export():
    return _with_roles(CoachProfile.objects.order_by("user__email"))


def pool_list(*, status="", theme="", province=None, free_only=False, q=""):
    """The coordinators' view of the pool, in a constant number of queries."""
    profiles = _with_roles(CoachProfile.objects.all())
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
