"""The match lifecycle: proposed → approved (coordinator) → accepted (coach) → first meeting
planned → klik or no klik; declined or unanswered proposals make way for the next coach.

A coach's places are counted in `CoachProfile.active_load`: +1 on approval, −1 whenever an
active match ends, always in the same transaction as the state change and with the profile row
locked, so two coordinators approving at the same moment cannot both take the last place. The
database backs this with a CHECK (`active_load <= capacity`) and a partial unique index (one
active match per wethouder).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.services import record_event
from intake.enums import IntakeState
from intake.models import Intake
from intake.services import mark_intake_matched, reopen_for_matching

from ..enums import MatchSource, MatchState
from ..explain import exclusion_sentence
from ..matching import rank
from ..models import ACTIVE_MATCH_STATES, CoachProfile, Match, MatchEvent
from ..selectors.matching import coach_data, load_coaches, load_intake, load_weights
from ..tasks.matches import send_match_email

#: Whether approving locks the coach's profile row. Only the concurrency drill turns it off, to
#: show that without the lock two approvals can both take the last place.
LOCK_COACH_ROW = True

#: Hard constraints a coordinator can not override when choosing a coach by hand; the
#: wethouder's musts (background, gender, political, distance) can be, with a reason.
UNOVERRIDABLE = {
    "inactive",
    "no_capacity",
    "own_municipality",
    "governed_municipality",
    "declared_conflict",
    "previous_no_klik",
}


def _event(match: Match, action: str, *, by=None, note: str = "") -> None:
    MatchEvent.objects.create(match=match, action=action, by=by, at=timezone.now(), note=note)


def _explanation(proposal) -> list[dict]:
    return [
        {"code": c.code, "weight": c.weight, "value": c.value, "points": c.points, "params": c.params}
        for c in proposal.criteria
    ]


def locked_match(match: Match) -> Match:
    """The match with its intake, both locked in the order every writer takes: the intake first
    (withdrawing an intake and choosing a coach by hand lock it before its matches)."""
    Intake.objects.select_for_update().values_list("pk", flat=True).get(pk=match.intake_id)
    return Match.objects.select_for_update(of=("self",)).select_related("intake").get(pk=match.pk)


def _locked_profile(coach_id: int) -> CoachProfile:
    profiles = CoachProfile.objects
    if LOCK_COACH_ROW:
        profiles = profiles.select_for_update(of=("self",))
    return profiles.select_related("user", "home_municipality", "party").get(user_id=coach_id)


def _email(match: Match, kind: str) -> None:
    transaction.on_commit(lambda: send_match_email.delay(match.pk, kind))


def _tell_wethouder(match: Match, kind: str, *, target_id: int | None = None, occurrence: str = "") -> bool:
    """Put the event on the wethouder's notification list; True the first time only."""
    return record_event(kind, user_id=match.wethouder_id, target_id=target_id or match.pk, occurrence=occurrence)


# --- Proposing ---------------------------------------------------------------------------------


@transaction.atomic
def propose_match(intake: Intake, *, by=None) -> Match:
    """Store the engine's best coach for a ready intake as a proposal for the coordinator.

    An open proposal for the intake is replaced. With no eligible coach, the refusal names why.
    """
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.state != IntakeState.READY_FOR_MATCHING:
        raise ValidationError(_("Only an intake that is ready for matching gets a proposal."), code="not_ready")
    ranking = rank(load_intake(intake), load_coaches(), load_weights(), limit=1)
    if not ranking.proposals:
        raise ValidationError(_no_eligible_message(ranking), code="no_eligible_coach")
    _cancel_open_proposals(intake, by=by)
    proposal = ranking.proposals[0]
    match = Match.objects.create(
        intake=intake,
        wethouder=intake.wethouder,
        coach_id=proposal.coach_id,
        score=proposal.score,
        explanation=_explanation(proposal),
        proposed_at=timezone.now(),
        proposed_by=by,
    )
    _event(match, "proposed", by=by)
    return match


def _no_eligible_message(ranking) -> str:
    counts = {}
    for exclusion in ranking.exclusions:
        code = exclusion.reasons[0].code
        counts[code] = counts.get(code, 0) + 1
    if not counts:
        return _("There are no coaches in the pool yet.")
    reasons = ", ".join(f"{n}× {exclusion_sentence(code)}" for code, n in sorted(counts.items()))
    return _("No coach in the pool is eligible: %(reasons)s.") % {"reasons": reasons}


def _cancel_open_proposals(intake: Intake, *, by) -> None:
    for match in Match.objects.filter(intake=intake, state=MatchState.PROPOSED):
        match.state, match.closed_at = MatchState.CANCELLED, timezone.now()
        match.save(update_fields=["state", "closed_at"])
        _event(match, "superseded", by=by)


# --- Approving ---------------------------------------------------------------------------------


def _check_still_valid(match: Match, profile: CoachProfile, *, allow_musts: bool) -> None:
    """Re-check a proposal at the moment of approval: the coach may have been paused or lost
    their free place, the intake may have been withdrawn."""
    if match.intake.state != IntakeState.READY_FOR_MATCHING:
        raise ValidationError(
            _("The intake is no longer ready for matching (%(state)s).") % {"state": match.intake.get_state_display()},
            code="intake_not_ready",
        )
    if profile.active_load >= profile.capacity:
        raise ValidationError(_("%(coach)s has no free place any more.") % {"coach": profile.user}, code="no_capacity")
    ranking = rank(load_intake(match.intake), [coach_data(profile)], load_weights())
    for exclusion in ranking.exclusions:
        blocking = [r for r in exclusion.reasons if not allow_musts or r.code in UNOVERRIDABLE]
        if blocking:
            sentence = exclusion_sentence(blocking[0].code, blocking[0].params)
            raise ValidationError(
                _("This proposal is no longer valid: the coach %(reason)s.") % {"reason": sentence},
                code=blocking[0].code,
            )


def _take_place(match: Match, *, by, allow_musts: bool = False) -> Match:
    profile = _locked_profile(match.coach_id)
    _check_still_valid(match, profile, allow_musts=allow_musts)
    profile.active_load = profile.active_load + 1
    try:
        with transaction.atomic():
            profile.save(update_fields=["active_load"])
            match.state = MatchState.APPROVED
            match.approved_at = timezone.now()
            match.approved_by = by
            match.response_due_at = match.approved_at + timedelta(days=settings.MATCH_RESPONSE_DAYS)
            match.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This coach or this wethouder was just matched by someone else. Reload the page."),
            code="conflict",
        ) from error
    mark_intake_matched(match.intake, by=by)
    _event(match, "approved", by=by)
    _email(match, "asked_to_accept")
    _tell_wethouder(match, ReminderKind.MATCH_APPROVED)
    return match


@transaction.atomic
def approve_match(match: Match, *, by) -> Match:
    """A coordinator approves a proposal; the coach is then asked to accept."""
    match = locked_match(match)
    if match.state != MatchState.PROPOSED:
        raise ValidationError(_("This proposal is no longer open."), code="not_proposed")
    return _take_place(match, by=by)


@transaction.atomic
def choose_coach(intake: Intake, *, coach, reason: str, by) -> Match:
    """A coordinator picks a coach by hand instead of the proposal, with a reason. Conflicts of
    interest, no klik before and a full agenda still rule a coach out; the wethouder's musts may
    be overridden."""
    if not reason.strip():
        raise ValidationError(_("Say why you choose this coach."), code="reason_required")
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    _cancel_open_proposals(intake, by=by)
    match = Match.objects.create(
        intake=intake,
        wethouder=intake.wethouder,
        coach=coach,
        source=MatchSource.OVERRIDE,
        override_reason=reason.strip(),
        proposed_at=timezone.now(),
        proposed_by=by,
    )
    _event(match, "chosen", by=by, note=reason.strip())
    return _take_place(match, by=by, allow_musts=True)


# --- The coach's answer ------------------------------------------------------------------------


def _require_coach(match: Match, by) -> None:
    if match.coach_id != by.pk:
        raise ValidationError(_("Only the coach of this match can answer."), code="not_coach")


@transaction.atomic
def accept_match(match: Match, *, by) -> Match:
    match = locked_match(match)
    _require_coach(match, by)
    if match.state != MatchState.APPROVED:
        raise ValidationError(_("This request is no longer open."), code="not_open")
    match.state, match.accepted_at = MatchState.ACCEPTED, timezone.now()
    match.save(update_fields=["state", "accepted_at"])
    _event(match, "accepted", by=by)
    if _tell_wethouder(match, ReminderKind.MATCH_ACCEPTED):
        _email(match, "accepted")
    return match


@transaction.atomic
def decline_match(match: Match, *, reason: str, by) -> Match | None:
    """The coach declines, with a reason: the place is freed, this coach is ruled out for the
    wethouder, and the next coach is proposed to the coordinators. Returns the new proposal."""
    match = locked_match(match)
    _require_coach(match, by)
    if not reason.strip():
        raise ValidationError(_("Give a reason for declining."), code="reason_required")
    if match.state != MatchState.APPROVED:
        raise ValidationError(_("This request is no longer open."), code="not_open")
    match.decline_reason, match.declined_at = reason.strip(), timezone.now()
    return close_and_propose_next(match, MatchState.DECLINED, by=by, note=match.decline_reason)


@transaction.atomic
def expire_unanswered_matches() -> int:
    """Approved matches the coach did not answer in time count as declined. Safe to run again:
    only matches still open and overdue are touched, each under its row lock."""
    overdue = Match.objects.select_for_update(skip_locked=True).filter(
        state=MatchState.APPROVED, response_due_at__lt=timezone.now()
    )
    count = 0
    for match in overdue.select_related("intake"):
        close_and_propose_next(match, MatchState.EXPIRED, by=None, note="")
        count += 1
    return count


def _release_place(match: Match) -> None:
    profile = _locked_profile(match.coach_id)
    profile.active_load = max(profile.active_load - 1, 0)
    profile.save(update_fields=["active_load"])


def end_match(match: Match, state: str, *, by, note: str = "") -> None:
    """Close a match (the trajectory ended): the coach's place is freed."""
    was_active = match.state in ACTIVE_MATCH_STATES
    match.state, match.closed_at = state, timezone.now()
    match.save(update_fields=["state", "closed_at"])
    if was_active:
        _release_place(match)
    _event(match, state, by=by, note=note)


#: From this many no-kliks of one wethouder on, the next proposal waits for a coordinator's look.
NO_KLIK_LIMIT = 2


def close_and_propose_next(match: Match, state: str, *, by, note: str) -> Match | None:
    """Close a match that did not work out (declined, expired, no klik, switched): the place is
    freed, this coach is ruled out for the wethouder, and the next coach is proposed. After the
    wethouder's second no-klik (over all their intakes) nothing is proposed: the coordinators
    are told and look at the intake first."""
    was_active = match.state in ACTIVE_MATCH_STATES
    match.state, match.closed_at = state, timezone.now()
    match.save()
    if was_active:
        _release_place(match)
    _event(match, state, by=by, note=note)
    reopen_for_matching(match.intake, by=by or match.approved_by)
    if state == MatchState.NO_KLIK:
        _tell_wethouder(match, ReminderKind.NO_KLIK)
    no_kliks = Match.objects.filter(wethouder_id=match.wethouder_id, state=MatchState.NO_KLIK).count()
    if state == MatchState.NO_KLIK and no_kliks >= NO_KLIK_LIMIT:
        _email(match, "repeated_no_klik")
        return None
    _email(match, state)
    try:
        with transaction.atomic():
            return propose_match(match.intake, by=None)
    except ValidationError:
        return None  # no eligible coach left: the coordinators see the intake without proposal


# --- First meeting and klik --------------------------------------------------------------------


@transaction.atomic
def plan_kennismaking(match: Match, *, at, location: str, by) -> Match:
    match = locked_match(match)
    if by.pk not in (match.coach_id,) and not (by.is_coordinator or by.is_superuser):
        raise ValidationError(_("Only the coach or a coordinator plans the first meeting."), code="not_allowed")
    if match.state not in (MatchState.ACCEPTED, MatchState.KENNISMAKING_PLANNED):
        raise ValidationError(_("The first meeting can be planned once the coach has accepted."), code="not_open")
    if at <= timezone.now():
        raise ValidationError(_("Plan the first meeting in the future."), code="past")
    match.state, match.kennismaking_at, match.kennismaking_location = (
        MatchState.KENNISMAKING_PLANNED,
        at,
        location,
    )
    match.save()
    _event(match, "kennismaking_planned", by=by)
    # Moving the meeting is a new event: a new notification and a new mail.
    if _tell_wethouder(match, ReminderKind.KENNISMAKING_PLANNED, occurrence=f"{at.timestamp():.0f}"):
        _email(match, "kennismaking_planned")
    return match


@transaction.atomic
def record_klik(match: Match, *, klik: bool, by) -> Match:
    """Coach and wethouder each answer once, privately. When both have answered: both yes is a
    klik and the trajectory starts; any no closes the match as "geen klik", rules this coach out
    for the wethouder and proposes another."""
    match = locked_match(match)
    side = "coach" if by.pk == match.coach_id else "wethouder" if by.pk == match.wethouder_id else None
    if side is None:
        raise ValidationError(_("Only the coach and the wethouder answer the klik question."), code="not_party")
    if match.state != MatchState.KENNISMAKING_PLANNED or match.kennismaking_at > timezone.now():
        raise ValidationError(_("The klik question opens after the first meeting."), code="not_open")
    if getattr(match, f"{side}_klik") is not None:
        raise ValidationError(_("You have already answered."), code="answered")
    setattr(match, f"{side}_klik", klik)
    setattr(match, f"{side}_klik_at", timezone.now())
    match.save()
    _event(match, f"klik_answered_by_{side}", by=by)
    if match.coach_klik is None or match.wethouder_klik is None:
        return match
    if match.coach_klik and match.wethouder_klik:
        return _start(match, by=by)
    close_and_propose_next(match, MatchState.NO_KLIK, by=by, note="")
    return match


def _start(match: Match, *, by) -> Match:
    # Imported here: the trajectory services build on this module (they end matches).
    from .trajectories import start_trajectory

    match.state = MatchState.KLIK
    match.save(update_fields=["state"])
    _event(match, "klik", by=by)
    trajectory = start_trajectory(match, by=by)  # mails coach and wethouder that it started
    _tell_wethouder(match, ReminderKind.TRAJECTORY_STARTED, target_id=trajectory.pk)
    _email(match, "klik")
    return match


@transaction.atomic
def cancel_matches_for_intake(intake: Intake, *, by) -> None:
    """The intake was withdrawn: open proposals and active matches end, places are freed."""
    for match in Match.objects.select_for_update().filter(intake=intake, state__in=[*ACTIVE_MATCH_STATES, "proposed"]):
        was_active = match.state in ACTIVE_MATCH_STATES
        match.state, match.closed_at = MatchState.CANCELLED, timezone.now()
        match.save(update_fields=["state", "closed_at"])
        if was_active:
            _release_place(match)
        _event(match, "cancelled", by=by, note="intake withdrawn")


@transaction.atomic
def approve_ranked_coach(intake: Intake, *, coach_id: int, by) -> Match:
    """A coordinator approves one of the engine's ranked coaches for an intake (not necessarily
    the first). The ranking is computed again now, so a coach who became ineligible is refused."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.state != IntakeState.READY_FOR_MATCHING:
        raise ValidationError(_("Only an intake that is ready for matching gets a proposal."), code="not_ready")
    ranking = rank(load_intake(intake), load_coaches(), load_weights(), limit=10_000)
    proposal = next((p for p in ranking.proposals if p.coach_id == coach_id), None)
    if proposal is None:
        raise ValidationError(_("This coach is no longer eligible for this intake."), code="not_eligible")
    open_proposal = Match.objects.filter(intake=intake, state=MatchState.PROPOSED, coach_id=coach_id).first()
    if open_proposal is None:
        _cancel_open_proposals(intake, by=by)
    match = open_proposal or Match.objects.create(
        intake=intake,
        wethouder=intake.wethouder,
        coach_id=coach_id,
        score=proposal.score,
        explanation=_explanation(proposal),
        proposed_at=timezone.now(),
        proposed_by=by,
    )
    match = locked_match(match)
    Match.objects.filter(intake=intake, state=MatchState.PROPOSED).exclude(pk=match.pk).update(
        state=MatchState.CANCELLED, closed_at=timezone.now()
    )
    return _take_place(match, by=by)
