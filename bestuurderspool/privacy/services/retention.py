"""Retention: what expired is removed, daily (beat) or by hand (`manage.py purge_expired_data`).

The periods are settings (README, "Privacy"), counted in days from the moment the data stopped
being needed:
- the coach's reports and the evaluations' free text: `RETENTION_TRAJECTORY_TEXTS_DAYS` after
  the trajectory ended;
- a matched intake's answers, notes and wish adjustments: `RETENTION_INTAKE_ANSWERS_DAYS` after
  the last trajectory that came from it ended (a coach switch needs the wishes until then);
- a withdrawn intake: `RETENTION_UNMATCHED_INTAKE_DAYS` after the withdrawal; a draft never
  submitted: the same period after it was last saved;
- audit records: `RETENTION_AUDIT_DAYS` after they were written.

Every purge is recorded in the audit trail (record type and id, never the content). Running it
twice purges nothing the second time.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from coaching.enums import TrajectoryState
from coaching.models import AppointmentReport, Evaluation, Trajectory
from intake.enums import IntakeState
from intake.models import Intake

from ..enums import AuditAction
from ..models import AuditEvent
from .audit import purge_audit_events, record_many
from .scrub import INTAKE_HAS_ANSWERS, scrub_intakes, scrub_trajectory_texts


@dataclass
class PurgePlan:
    """What a purge removes (or, dry, would remove): ids per kind, and the audit records' count."""

    trajectories: list[int] = field(default_factory=list)
    intakes: list[int] = field(default_factory=list)
    audit_events: int = 0

    def lines(self) -> list[str]:
        return [
            f"confidential texts of {len(self.trajectories)} trajectories: {self.trajectories}",
            f"answers of {len(self.intakes)} intakes: {self.intakes}",
            f"{self.audit_events} audit records",
        ]


def _days_ago(days: int, now) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def expired_trajectories(now):
    """Ended trajectories past their period that still hold a report or an evaluation text."""
    has_texts = Exists(AppointmentReport.objects.filter(appointment__trajectory=OuterRef("pk"))) | Exists(
        Evaluation.objects.filter(trajectory=OuterRef("pk")).exclude(what_changed="")
    )
    return Trajectory.objects.exclude(state=TrajectoryState.ACTIVE).filter(
        has_texts, ended_at__lt=_days_ago(settings.RETENTION_TRAJECTORY_TEXTS_DAYS, now)
    )


def expired_intakes(now):
    """Intakes past their period (see the module) that still hold answers, notes or adjustments."""
    matched_cutoff = _days_ago(settings.RETENTION_INTAKE_ANSWERS_DAYS, now)
    unmatched_cutoff = _days_ago(settings.RETENTION_UNMATCHED_INTAKE_DAYS, now)
    active = Trajectory.objects.filter(match__intake=OuterRef("pk"), state=TrajectoryState.ACTIVE)
    matched = (
        Intake.objects.filter(state=IntakeState.MATCHED)
        .annotate(last_end=Max("matches__trajectory__ended_at"))
        .filter(~Exists(active), last_end__lt=matched_cutoff)
    )
    holds = INTAKE_HAS_ANSWERS | Q(conversation__notes__gt="") | Q(adjustments__isnull=False)
    return Intake.objects.filter(
        holds,
        Q(pk__in=matched.values("pk"))
        | Q(state=IntakeState.WITHDRAWN, withdrawn_at__lt=unmatched_cutoff)
        | Q(state=IntakeState.DRAFT, updated_at__lt=unmatched_cutoff),
    ).distinct()


def plan_purge(now=None) -> PurgePlan:
    now = now or timezone.now()
    return PurgePlan(
        trajectories=sorted(expired_trajectories(now).values_list("pk", flat=True)),
        intakes=sorted(expired_intakes(now).values_list("pk", flat=True)),
        audit_events=AuditEvent.objects.filter(at__lt=_days_ago(settings.RETENTION_AUDIT_DAYS, now)).count(),
    )


@transaction.atomic
def purge_expired_data(*, dry_run: bool = False) -> PurgePlan:
    """Remove what has expired now, record each purge (without content), and say what went."""
    now = timezone.now()
    plan = plan_purge(now)
    if dry_run:
        return plan
    trajectories = Trajectory.objects.filter(pk__in=plan.trajectories)
    scrub_trajectory_texts(trajectories)
    scrub_intakes(Intake.objects.filter(pk__in=plan.intakes))
    plan.audit_events = purge_audit_events(_days_ago(settings.RETENTION_AUDIT_DAYS, now))
    record_many(AuditAction.PURGED, [*trajectories, *Intake.objects.filter(pk__in=plan.intakes)], by=None)
    return plan
