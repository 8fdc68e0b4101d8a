"""Reads of the intake app, with their related rows loaded up front."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .enums import WORK_STATES, IntakeState
from .models import Intake

#: What a row of the work list shows: the answers (long texts, JSON) stay in the database.
WORKLIST_COLUMNS = (
    "state", "submitted_at", "wethouder__first_name", "wethouder__last_name", "wethouder__email",
    "municipality__name", "municipality__province__name", "conversation__planned_at",
)  # fmt: skip


def worklist(*, state="", province=None, older_than_days=None, q=""):
    """The coordinators' work list: submitted intakes that ask for a coach (no drafts, no
    BLOT-only ones), oldest first."""
    intakes = (
        Intake.objects.wants_coach()
        .exclude(state=IntakeState.DRAFT)
        .select_related("wethouder", "municipality__province", "conversation")
        .only(*WORKLIST_COLUMNS)
    )
    intakes = intakes.filter(state=state) if state else intakes.open()
    if province is not None:
        intakes = intakes.filter(municipality__province=province)
    if older_than_days:
        intakes = intakes.filter(submitted_at__lte=timezone.now() - timedelta(days=older_than_days))
    if q:
        intakes = intakes.filter(
            Q(wethouder__first_name__icontains=q)
            | Q(wethouder__last_name__icontains=q)
            | Q(wethouder__email__icontains=q)
            | Q(municipality__name__icontains=q)
        )
    return intakes.order_by("submitted_at", "pk")


def state_counts() -> dict[str, int]:
    """Open intakes per state of the coach process, for the coordinator's home page."""
    rows = Intake.objects.wants_coach().filter(state__in=WORK_STATES).values("state").annotate(n=Count("pk"))
    return {row["state"]: row["n"] for row in rows}


def intake_for_coordinator(queryset, pk):
    return (
        queryset.select_related("wethouder", "municipality__province", "party")
        .prefetch_related("adjustments__made_by", "transitions__by", "conversation__attendees")
        .get(pk=pk)
    )


def open_intake_of(wethouder):
    return Intake.objects.filter(wethouder=wethouder).open().select_related("municipality", "party").first()


def wethouder_home(user) -> dict:
    """The wethouder's intake for their home page: the open one, else the latest."""
    intake = open_intake_of(user) or Intake.objects.filter(wethouder=user).order_by("-created_at").first()
    return {"intake": intake}


def coordinator_home(user) -> dict:
    counts = state_counts()
    return {"intake_counts": [(state, counts.get(state.value, 0)) for state in WORK_STATES]}
