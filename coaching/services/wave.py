"""A wave: one proposal for every intake ready for matching, computed at once and globally
optimal, kept as a preview until a coordinator approves it (in bulk or one by one). Nobody is
told anything before approval."""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import MatchSource, MatchState
from ..matching import solve_wave
from ..models import Match, Wave, WaveUnmatched
from ..selectors.matching import load_coaches, load_ready_intakes, load_weights, ready_intakes
from .matches import _explanation, approve_match


@transaction.atomic
def compute_wave(*, by=None) -> Wave:
    """Compute and store a preview. An earlier preview and open proposals are replaced."""
    started = time.perf_counter()
    intakes, coaches, weights = load_ready_intakes(), load_coaches(), load_weights()
    result = solve_wave(intakes, coaches, weights)
    elapsed = time.perf_counter() - started
    for old in Wave.objects.select_for_update().filter(status=Wave.Status.PREVIEW):
        discard_wave(old, by=by)
    ready = {intake.pk: intake for intake in ready_intakes()}
    Match.objects.filter(intake_id__in=ready, state=MatchState.PROPOSED).update(
        state=MatchState.CANCELLED, closed_at=timezone.now()
    )
    wave = Wave.objects.create(
        created_by=by,
        total_score=result.total_score,
        stats={
            "intakes": len(intakes),
            "coaches": sum(1 for c in coaches if c.active),
            "places": sum(c.free for c in coaches if c.active),
            "matched": len(result.assignments),
            "unmatched": len(result.unmatched),
            "seconds": round(elapsed, 3),
        },
    )
    now = timezone.now()
    Match.objects.bulk_create(
        Match(
            intake_id=a.intake_id,
            wethouder_id=ready[a.intake_id].wethouder_id,
            coach_id=a.coach_id,
            source=MatchSource.WAVE,
            wave=wave,
            score=a.score,
            explanation=_explanation(a),
            proposed_at=now,
            proposed_by=by,
        )
        for a in result.assignments
    )
    WaveUnmatched.objects.bulk_create(
        WaveUnmatched(wave=wave, intake_id=u.intake_id, reason_code=u.reason_code, params=u.params)
        for u in result.unmatched
    )
    return wave


def approve_wave(wave: Wave, *, by, match_ids=None) -> dict:
    """Approve the wave's proposals (all, or the chosen ones), each in its own transaction, so
    one that is no longer valid does not hold up the rest. Returns what happened to each."""
    if wave.status != Wave.Status.PREVIEW:
        raise ValidationError(_("This wave is no longer a preview."), code="not_preview")
    proposals = wave.matches.filter(state=MatchState.PROPOSED)
    if match_ids is not None:
        proposals = proposals.filter(pk__in=match_ids)
    approved, refused = [], []
    for match in proposals.select_related("intake", "coach"):
        try:
            approve_match(match, by=by)
            approved.append(match)
        except ValidationError as error:
            refused.append((match, " ".join(error.messages)))
    if not wave.matches.filter(state=MatchState.PROPOSED).exists():
        Wave.objects.filter(pk=wave.pk).update(status=Wave.Status.APPROVED)
    return {"approved": approved, "refused": refused}


@transaction.atomic
def discard_wave(wave: Wave, *, by=None) -> None:
    wave.matches.filter(state=MatchState.PROPOSED).update(state=MatchState.CANCELLED, closed_at=timezone.now())
    Wave.objects.filter(pk=wave.pk).update(status=Wave.Status.DISCARDED)
