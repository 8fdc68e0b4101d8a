"""Every write of group tracks. Each runs in one transaction; mail leaves on commit; a broken
rule raises ValidationError with a translated message. The year programme's participants, talks,
sponsors and assignments are in `programme`, and importable from here as well."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intake.services import add_blot_to_offer

from .. import composer, explain, selectors, tasks
from ..enums import ApplicationState, Pin, TrackKind, TrackState
from ..models import (
    Application,
    Attendance,
    Evaluation,
    GroupEntry,
    ParticipantGoal,
    PhaseDates,
    Track,
    TrackMirror,
    TrackSession,
)
from .programme import (  # noqa: F401  (the year programme's writes, importable from here too)
    add_participant,
    appoint_sponsor,
    comment_on_assignment,
    describe_assignment,
    plan_manager_talk,
    record_talk_held,
    resend_sponsor_invitation,
)

TRACK_FIELDS = (
    "kind",
    "name",
    "starts_on",
    "ends_on",
    "capacity",
    "province_cap",
    "learning_manager",
    "guest_colleagues",
    "client_municipality",
    "closing_event_at",
    "closing_event_venue",
)
SESSION_FIELDS = ("title", "starts_at", "ends_at", "venue", "programme")


def _assign(obj, data: dict, fields) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


@transaction.atomic
def create_track(*, data: dict, by) -> Track:
    """A coordinator defines a BLOT cohort or a year programme."""
    track = Track()
    _assign(track, data, TRACK_FIELDS)
    track.save()
    return track


@transaction.atomic
def change_track(track: Track, *, data: dict, by) -> Track:
    """A changed period must still hold every session and U-process phase planned in it."""
    track = Track.objects.select_for_update().get(pk=track.pk)
    _assign(track, data, TRACK_FIELDS)
    outside = [s.title for s in track.sessions.all() if not _within(track, s.local_starts_on, s.local_ends_on)]
    outside += [p.get_phase_display() for p in track.phases.all() if not _within(track, p.starts_on, p.ends_on)]
    if outside:
        raise ValidationError(
            {"starts_on": _("“%(what)s” lies outside this period: move it first.") % {"what": outside[0]}},
            code="outside_period",
        )
    track.save()
    return track


def _within(track: Track, starts_on, ends_on) -> bool:
    return track.starts_on <= starts_on and ends_on <= track.ends_on


def _require_within(track: Track, starts_on, ends_on, *, field: str) -> None:
    if not _within(track, starts_on, ends_on):
        message = _("Choose a date within the period of the track, %(start)s to %(end)s.") % {
            "start": date_format(track.starts_on),
            "end": date_format(track.ends_on),
        }
        raise ValidationError({field: message}, code="outside_period")


@transaction.atomic
def add_session(track: Track, *, data: dict, by) -> TrackSession:
    """A session of the track, within its period; once the cohort is composed its members get
    the invitation."""
    session = TrackSession(track=track)
    _assign(session, data, SESSION_FIELDS)
    _require_within(track, session.local_starts_on, session.local_ends_on, field="starts_at")
    session.save()
    _invite_on_commit(session)
    return session


@transaction.atomic
def change_session(session: TrackSession, *, data: dict, by) -> TrackSession:
    """A changed session goes out again with a higher sequence, replacing the calendar event."""
    session = TrackSession.objects.select_for_update().select_related("track").get(pk=session.pk)
    _assign(session, data, SESSION_FIELDS)
    _require_within(session.track, session.local_starts_on, session.local_ends_on, field="starts_at")
    session.sequence += 1
    session.save()
    _invite_on_commit(session)
    return session


@transaction.atomic
def set_phase(track: Track, *, phase: str, starts_on, ends_on, by) -> PhaseDates:
    """The dates of one U-process phase of a year programme (set again: replaced)."""
    if track.kind != TrackKind.YEAR_PROGRAMME:
        raise ValidationError(_("Only a year programme follows the phases of the U-process."))
    _require_within(track, starts_on, ends_on, field="starts_on")
    row, _created = PhaseDates.objects.update_or_create(
        track=track, phase=phase, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    return row


def _invite_on_commit(session: TrackSession) -> None:
    """Once the cohort is composed, its members hear of every new or changed session."""
    if session.track.state == TrackState.COMPOSED:
        transaction.on_commit(lambda: tasks.send_session_invitations.delay(session.pk))


@transaction.atomic
def apply_for_track(track: Track, *, wethouder, municipality, party: str = "", motivation: str = "") -> Application:
    """A wethouder asks for a place; the application joins the track's waiting list (a withdrawn
    application comes back at the end of the list)."""
    track = Track.objects.select_for_update().get(pk=track.pk)
    if not Track.objects.taking_applications().filter(pk=track.pk).exists():
        raise ValidationError(_("This track no longer takes applications."))
    existing = Application.objects.filter(track=track, wethouder=wethouder).first()
    if existing and existing.state != ApplicationState.WITHDRAWN:
        raise ValidationError(_("You have already applied for this track."))
    application = existing or Application(track=track, wethouder=wethouder)
    application.municipality = municipality
    application.party = party
    application.motivation = motivation
    application.state = ApplicationState.WAITING
    application.pin = Pin.NONE
    application.applied_at = timezone.now()
    application.save()
    if track.kind == TrackKind.BLOT:
        add_blot_to_offer(wethouder)
    return application


def apply_from_intake(sender, *, intake, **kwargs) -> Application | None:
    """An intake that asks for a place in the next BLOT puts the wethouder on its waiting list
    (with the intake's municipality and party), inside the submission's transaction. Without an
    open BLOT nothing happens: the wethouder's home offers the next one when it opens."""
    if not intake.wants_blot or intake.municipality_id is None:
        return None
    track = selectors.next_blot(timezone.localdate())
    if track is None or Application.objects.filter(track=track, wethouder=intake.wethouder).exists():
        return None
    return apply_for_track(track, wethouder=intake.wethouder, municipality=intake.municipality, party=intake.party_name)


def withdraw_with_intake(sender, *, intake, by, **kwargs) -> list[Application]:
    """A wethouder who withdraws an intake that asked for the BLOT only gives up their place on
    the waiting list with it (inside the withdrawal's transaction): that intake was their
    application. A place in a composed cohort stays; so does the list place of an intake that
    also asked for a coach (withdrawing that intake gives up the coach, not the BLOT)."""
    if intake.wants_coach:
        return []
    waiting = Application.objects.filter(wethouder=intake.wethouder, state=ApplicationState.WAITING)
    return [withdraw_application(application, by=by) for application in waiting]


@transaction.atomic
def withdraw_application(application: Application, *, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state != ApplicationState.WAITING:
        raise ValidationError(_("Only an application on the waiting list can be withdrawn."))
    application.state = ApplicationState.WITHDRAWN
    application.save(update_fields=["state"])
    return application


def propose_cohort(track: Track) -> composer.Proposal:
    applicants, rules = selectors.composer_input(track)
    return composer.compose(applicants, rules)


@transaction.atomic
def pin_application(application: Application, *, pin: str, by) -> Application:
    """A coordinator moves an applicant in or out of the proposal. Moving in is refused when a
    hard rule (municipality, province, places, conflict of interest) stands in the way."""
    track = Track.objects.select_for_update().get(pk=application.track_id)
    if track.state != TrackState.OPEN:
        raise ValidationError(_("The cohort has been approved already."))
    application = Application.objects.select_for_update().get(pk=application.pk, state=ApplicationState.WAITING)
    application.pin = pin
    application.save(update_fields=["pin"])
    if pin == Pin.IN:
        decision = propose_cohort(track).decision_for(application.pk)
        if not decision.placed:
            raise ValidationError(explain.refusal(decision.reasons[0]))
    return application


@transaction.atomic
def approve_cohort(track: Track, *, by) -> list[Application]:
    """The coordinator approves the proposal: its applicants become participants and are invited
    by mail (with every session planned so far); the others stay on the waiting list."""
    track = Track.objects.select_for_update().get(pk=track.pk)
    if track.state != TrackState.OPEN:
        raise ValidationError(_("The cohort has been approved already."))
    placed_ids = propose_cohort(track).placed_ids
    if not placed_ids:
        raise ValidationError(_("Nobody on the waiting list can be placed yet."))
    now = timezone.now()
    Application.objects.filter(pk__in=placed_ids).update(state=ApplicationState.PLACED, placed_at=now)
    track.state, track.composed_at = TrackState.COMPOSED, now
    track.save(update_fields=["state", "composed_at"])
    transaction.on_commit(lambda: tasks.send_cohort_invitations.delay(track.pk, placed_ids))
    return list(Application.objects.filter(pk__in=placed_ids))


@transaction.atomic
def record_attendance(session: TrackSession, *, present: set[int], by) -> list[Attendance]:
    """The learning manager records who was there; every participant gets a row (again: replaced)."""
    participants = list(session.track.applications.placed().values_list("wethouder_id", flat=True))
    if not set(present) <= set(participants):
        raise ValidationError(_("Only participants of the track can be recorded as present."))
    rows = []
    for user_id in participants:
        row, _created = Attendance.objects.update_or_create(
            session=session, participant_id=user_id, defaults={"present": user_id in present}
        )
        rows.append(row)
    return rows


@transaction.atomic
def add_entry(track: Track, *, kind: str, title: str, text: str, session=None, by) -> GroupEntry:
    """An agreement, shared material or session notes in the group space."""
    if session is not None and session.track_id != track.pk:
        raise ValidationError(_("This session belongs to another track."))
    return GroupEntry.objects.create(track=track, kind=kind, title=title, text=text, session=session, author=by)


MAX_GOALS = 4
#: The closing evaluation opens this long before the track's last day.
CLOSING_OPENS = timedelta(days=30)


@transaction.atomic
def add_goal(application: Application, *, text: str, by) -> ParticipantGoal:
    """A participant's personal learning goal (at most four)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.goals.count() >= MAX_GOALS:
        raise ValidationError(_("You can have at most four learning goals."))
    return ParticipantGoal.objects.create(application=application, text=text)


@transaction.atomic
def evaluate(track: Track, *, participant, session=None, value: int, safety: int, comment: str = "") -> Evaluation:
    """A participant evaluates a session once it has started, or the whole track in its last month;
    once each."""
    now = timezone.now()
    if session is not None and (session.track_id != track.pk or session.starts_at > now):
        raise ValidationError(_("A session can be evaluated once it has started."))
    if session is None and timezone.localdate(now) < track.ends_on - CLOSING_OPENS:
        raise ValidationError(_("The closing evaluation opens in the last month of the track."))
    if Evaluation.objects.filter(track=track, session=session, participant=participant).exists():
        raise ValidationError(_("You have already filled in this evaluation."))
    return Evaluation.objects.create(
        track=track, session=session, participant=participant, value=value, safety=safety, comment=comment
    )


@transaction.atomic
def close_track(track: Track, *, by) -> Track:
    """The coordinator closes a composed track; the group stays reachable to its members."""
    track = Track.objects.select_for_update().get(pk=track.pk)
    if track.state != TrackState.COMPOSED:
        raise ValidationError(_("Only a track with a composed group can be closed."))
    track.state = TrackState.CLOSED
    track.save(update_fields=["state"])
    return track


@transaction.atomic
def share_contact(application: Application, *, shares_contact: bool, contact_details: str, by) -> Application:
    """A participant decides which contact details the group (also as alumni) may see."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    application.shares_contact = shares_contact
    application.contact_details = contact_details if shares_contact else ""
    application.save(update_fields=["shares_contact", "contact_details"])
    return application


# --- The leadership mirror ----------------------------------------------------------------------


def mirror_moments_open(track: Track, *, today=None) -> list[str]:
    """The start until the last month of the track; the close from then on, and after it closed."""
    today = today or timezone.localdate()
    closing = track.state == TrackState.CLOSED or today >= track.ends_on - timedelta(days=30)
    return ["closing"] if closing else ["start"]


@transaction.atomic
def take_mirror(application: Application, *, moment: str, scores: dict, by) -> "TrackMirror":
    """The participant takes (or corrects) their mirror for a moment that is open now."""
    from instruments import mirror

    application = Application.objects.select_for_update().select_related("track").get(pk=application.pk)
    if by.pk != application.wethouder_id or application.state != ApplicationState.PLACED:
        raise ValidationError(_("Only a participant takes their own mirror."))
    if moment not in mirror_moments_open(application.track):
        raise ValidationError(_("This moment has not opened yet."))
    try:
        cleaned = mirror.clean_scores(scores)
    except ValueError as error:
        raise ValidationError(_("Answer every question with a score from 1 to 5.")) from error
    reading, _created = TrackMirror.objects.update_or_create(
        application=application, moment=moment, defaults={"scores": cleaned, "taken_at": timezone.now()}
    )
    return reading
