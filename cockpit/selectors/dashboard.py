"""The figures of the coordinators' dashboard, each computed by the database in one query, so
the number of queries is the same for ten intakes or ten thousand. Scales of evaluations only:
no free text, no notes, nothing confidential is read here."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from coaching.enums import AppointmentKind, AppointmentStatus, EvaluationKind, MatchState, TrajectoryState
from coaching.models import Appointment, CoachProfile, CoachStatus, Evaluation, Match, MatchEvent, Trajectory
from intake.enums import WORK_STATES, IntakeState
from intake.models import IntakeConversation, IntakeTransition
from intake.selectors import state_counts

from ..aggregates import Median
from ..periods import Period

UNCONFIRMED_AFTER = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Wait:
    """How long one step of the pipeline took, for the steps completed in the period."""

    step: str
    count: int
    median: datetime.timedelta | None
    slowest: datetime.timedelta | None


def _during(field: str, period: Period) -> Q:
    """`field` (a moment) falls on a day of the period, in Dutch time."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end_exclusive, datetime.time.min, tzinfo=zone)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _duration(end, start):
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _wait(step: str, queryset, duration) -> Wait:
    row = queryset.annotate(took=duration).aggregate(count=Count("pk"), median=Median("took"), slowest=Max("took"))
    return Wait(step, row["count"], row["median"], row["slowest"])


def pipeline_waits(period: Period) -> list[Wait]:
    """Submitted → intake conversation held, ready for matching → approved, approved → accepted
    by the coach, accepted → klik: median and slowest, over the steps that ended in the period."""
    ready_at = (
        IntakeTransition.objects.filter(
            intake=OuterRef("intake"), to_state=IntakeState.READY_FOR_MATCHING, at__lte=OuterRef("approved_at")
        )
        .order_by("-at")
        .values("at")[:1]
    )
    approved = Match.objects.filter(_during("approved_at", period)).annotate(ready_at=Subquery(ready_at))
    return [
        _wait(
            "conversation",
            IntakeConversation.objects.filter(_during("held_at", period), intake__submitted_at__isnull=False),
            _duration("held_at", "intake__submitted_at"),
        ),
        _wait("approval", approved.filter(ready_at__isnull=False), _duration("approved_at", "ready_at")),
        _wait(
            "acceptance",
            Match.objects.filter(_during("accepted_at", period), approved_at__isnull=False),
            _duration("accepted_at", "approved_at"),
        ),
        _wait(
            "klik",
            MatchEvent.objects.filter(_during("at", period), action=MatchState.KLIK, match__accepted_at__isnull=False),
            _duration("at", "match__accepted_at"),
        ),
    ]


def klik_rates(period: Period) -> dict[str, dict]:
    """Klik and no klik answered in the period, for a wethouder's first approved coach and for
    the ones after."""
    earlier = Match.objects.filter(
        intake=OuterRef("match__intake"), approved_at__isnull=False, proposed_at__lt=OuterRef("match__proposed_at")
    )
    rows = (
        MatchEvent.objects.filter(_during("at", period), action__in=[MatchState.KLIK, MatchState.NO_KLIK])
        .annotate(later=Exists(earlier))
        .values("later", "action")
        .annotate(n=Count("pk"))
    )
    rates = {key: {"klik": 0, "no_klik": 0} for key in ("first", "later")}
    for row in rows:
        rates["later" if row["later"] else "first"][row["action"]] = row["n"]
    for counts in rates.values():
        answered = counts["klik"] + counts["no_klik"]
        counts["answered"] = answered
        counts["percent"] = round(100 * counts["klik"] / answered) if answered else None
    return rates


def declines(period: Period) -> dict:
    """Proposals the coach declined in the period, grouped by their reason (the coach's own
    words to the coordinators), and those left unanswered. The reasons are encrypted at rest,
    so they are grouped here, after reading, not by the database (one row per decline in the
    period)."""
    declined = Match.objects.filter(_during("declined_at", period), state=MatchState.DECLINED)
    counted = Counter(declined.values_list("decline_reason", flat=True))
    reasons = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    expired = Match.objects.filter(_during("closed_at", period), state=MatchState.EXPIRED).count()
    return {
        "reasons": reasons[:10],
        "other": sum(n for _r, n in reasons[10:]),
        "total": sum(n for _r, n in reasons),
        "expired": expired,
    }


def trajectory_outcomes(period: Period) -> dict[str, int]:
    """Active now; completed, stopped and switched in the period."""
    ended = _during("ended_at", period)
    return Trajectory.objects.aggregate(
        active=Count("pk", filter=Q(state=TrajectoryState.ACTIVE)),
        completed=Count("pk", filter=Q(state=TrajectoryState.COMPLETED) & ended),
        stopped=Count("pk", filter=Q(state=TrajectoryState.STOPPED) & ended),
        switched=Count("pk", filter=Q(state=TrajectoryState.SWITCHED) & ended),
    )


def _month_key(moment) -> datetime.date:
    day = timezone.localtime(moment).date() if isinstance(moment, datetime.datetime) else moment
    return day.replace(day=1)


def held_per_month(period: Period) -> list[dict]:
    """Sessions and observations held, per month of the period."""
    rows = (
        Appointment.objects.filter(
            _during("held_at", period),
            status=AppointmentStatus.HELD,
            kind__in=[AppointmentKind.SESSION, AppointmentKind.OBSERVATION],
        )
        .annotate(month=TruncMonth("held_at"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
    )
    counts = {(_month_key(row["month"]), row["kind"]): row["n"] for row in rows}
    return [
        {
            "month": month,
            "sessions": counts.get((month, AppointmentKind.SESSION), 0),
            "observations": counts.get((month, AppointmentKind.OBSERVATION), 0),
        }
        for month in period.months()
    ]


SCALES = ("usefulness", "klik", "change")


def evaluations_per_month(period: Period) -> list[dict]:
    """The average of each scale (1–5), interim and closing apart, per month the evaluations
    were given in. Months without evaluations are left out."""
    rows = (
        Evaluation.objects.filter(_during("submitted_at", period))
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "kind")
        .annotate(n=Count("pk"), **{scale: Avg(scale) for scale in SCALES})
    )
    by_month: dict[datetime.date, dict] = {}
    for row in rows:
        entry = by_month.setdefault(
            _month_key(row["month"]), {EvaluationKind.INTERIM: None, EvaluationKind.FINAL: None}
        )
        entry[row["kind"]] = {"n": row["n"], **{scale: round(row[scale], 1) for scale in SCALES}}
    return [{"month": month, **kinds} for month, kinds in sorted(by_month.items())]


def pool_health() -> dict:
    """The pool now: free places, coaches at capacity, paused, profiles not confirmed for a year,
    and how many coaches hold 0, 1, 2 … places."""
    now = timezone.now()
    paused = Q(status=CoachStatus.PAUSED) & (Q(paused_until__isnull=True) | Q(paused_until__gt=now.date()))
    available = Q(user__is_active=True) & ~paused
    figures = CoachProfile.objects.aggregate(
        coaches=Count("pk"),
        free_places=Sum(F("capacity") - F("active_load"), filter=available, default=0),
        at_capacity=Count("pk", filter=available & Q(active_load__gte=F("capacity"))),
        paused=Count("pk", filter=paused),
        unconfirmed=Count(
            "pk", filter=Q(profile_confirmed_at__isnull=True) | Q(profile_confirmed_at__lt=now - UNCONFIRMED_AFTER)
        ),
    )
    loads = CoachProfile.objects.values("active_load").annotate(n=Count("pk")).order_by("active_load")
    figures["load"] = [(row["active_load"], row["n"]) for row in loads]
    return figures


def pipeline_counts() -> list[tuple[str, int]]:
    """Open intakes per state, in the order of the process (the funnel)."""
    counts = state_counts()
    return [(state, counts.get(state.value, 0)) for state in WORK_STATES]
