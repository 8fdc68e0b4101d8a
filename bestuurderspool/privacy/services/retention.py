"""Retention: what expired is removed, daily (beat) or by hand (`manage.py purge_expired_data`).

The periods are settings (README, "Privacy"), counted in days from the moment the data stopped
being needed. The apps register what expires with the privacy app (`registry.RETENTION_RULES`,
with their periods in `registry.RETENTION_PERIODS`):
- the coach's reports and the evaluations' free text: `RETENTION_TRAJECTORY_TEXTS_DAYS` after
  the trajectory ended (`coaching/privacy.py`);
- a matched intake's answers, notes and wish adjustments: `RETENTION_INTAKE_ANSWERS_DAYS` after
  the last trajectory that came from it ended (`coaching/privacy.py`);
- a withdrawn intake: `RETENTION_UNMATCHED_INTAKE_DAYS` after the withdrawal; a draft never
  submitted: the same period after it was last saved (`intake/privacy.py`);
- audit records: `RETENTION_AUDIT_DAYS` after they were written (here).

Every purge is recorded in the audit trail (record type and id, never the content). Running it
twice purges nothing the second time.
"""

import datetime
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..enums import AuditAction
from ..models import AuditEvent
from ..registry import RETENTION_PERIODS, RETENTION_RULES, RetentionRule
from .audit import purge_audit_events, record_many


@dataclass
class PurgePlan:
    """What a purge removes (or, dry, would remove): ids per rule, and the audit records' count."""

    expired: list[tuple[RetentionRule, list[int]]] = field(default_factory=list)
    audit_events: int = 0

    def lines(self) -> list[str]:
        lines = [rule.summary.format(count=len(ids), ids=ids) for rule, ids in self.expired]
        return [*lines, f"{self.audit_events} audit records"]


def _days_ago(days: int, now) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def expired(rule: RetentionRule, now):
    """The records of `rule` past one of their periods that still hold content to remove."""
    periods = RETENTION_PERIODS.get(rule.model, [])
    if not periods:
        return rule.model.objects.none()
    past = reduce(or_, (Q(pk__in=period(now).values("pk")) for period in periods))
    return rule.holding().filter(past).distinct()


def plan_purge(now=None) -> PurgePlan:
    now = now or timezone.now()
    return PurgePlan(
        expired=[(rule, sorted(expired(rule, now).values_list("pk", flat=True))) for rule in RETENTION_RULES],
        audit_events=AuditEvent.objects.filter(at__lt=_days_ago(settings.RETENTION_AUDIT_DAYS, now)).count(),
    )


@transaction.atomic
def purge_expired_data(*, dry_run: bool = False) -> PurgePlan:
    """Remove what has expired now, record each purge (without content), and say what went."""
    now = timezone.now()
    plan = plan_purge(now)
    if dry_run:
        return plan
    purged = []
    for rule, ids in plan.expired:
        records = rule.model.objects.filter(pk__in=ids)
        rule.purge(records)
        purged.append(records)
    plan.audit_events = purge_audit_events(_days_ago(settings.RETENTION_AUDIT_DAYS, now))
    record_many(AuditAction.PURGED, [record for records in purged for record in records], by=None)
    return plan
