"""Reads of group tracks spanning models, already joined for the pages."""

from dataclasses import dataclass

from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from bestuurderspool.accounts.models import Invitation
from coaching.models import CoachProfile

from . import composer
from .enums import ApplicationState, TrackKind, TrackState
from .models import Application, Assignment, Attendance, Evaluation, ManagerTalk, ParticipantGoal, Track


def tracks_for(user):
    placed = Count("applications", filter=Q(applications__state="placed"), distinct=True)
    waiting = Count("applications", filter=Q(applications__state="waiting"), distinct=True)
    return (
        Track.objects.visible_to(user)
        .select_related("learning_manager", "client_municipality")
        .annotate(placed_count=placed, waiting_count=waiting, session_count=Count("sessions", distinct=True))
    )


def track_for(user, pk: int) -> Track:
    """The track if `user` may see it; Track.DoesNotExist otherwise (a 404 for the view)."""
    return (
        Track.objects.visible_to(user)
        .select_related("learning_manager", "client_municipality")
        .prefetch_related("sessions", "phases")
        .get(pk=pk)
    )


def next_blot(today):
    """The BLOT a wethouder applies for from home: the first one still open that has not started."""
    return Track.objects.taking_applications(today).filter(kind=TrackKind.BLOT).order_by("starts_on", "pk").first()


def _waiting_position():
    """1 + the number of applications on the same waiting list that came earlier."""
    earlier = Application.objects.filter(track=OuterRef("track"), state=ApplicationState.WAITING).filter(
        Q(applied_at__lt=OuterRef("applied_at")) | Q(applied_at=OuterRef("applied_at"), pk__lt=OuterRef("pk"))
    )
    count = earlier.values("track").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), 0) + 1


def wethouder_tracks(user) -> dict:
    """For the wethouder's home: the next BLOT, their applications and their place on each list
    (two queries)."""
    applications = list(
        Application.objects.filter(wethouder=user)
        .exclude(state=ApplicationState.WITHDRAWN)
        .select_related("track")
        .annotate(position=_waiting_position())
    )
    blot = next_blot(timezone.localdate())
    applied = {application.track_id for application in applications}
    return {"track_applications": applications, "next_blot": blot if blot and blot.pk not in applied else None}


def home_municipality(user):
    """The municipality and party from the wethouder's newest intake, to fill in an application."""
    intake = user.intakes.exclude(municipality=None).select_related("party").order_by("-pk").first()
    return (intake.municipality, intake.party_name) if intake else (None, "")


def waiting_list(track):
    return track.applications.waiting_list().select_related("wethouder", "municipality__province")


def placed(track):
    return (
        track.applications.placed()
        .select_related("wethouder", "municipality__province")
        .order_by("wethouder__first_name", "pk")
    )


def composer_input(track) -> tuple[list[composer.Applicant], composer.Rules]:
    """The waiting list and the rules as the composer takes them (three queries)."""
    rows = list(waiting_list(track))
    applicants = [
        composer.Applicant(
            id=row.pk,
            municipality_id=row.municipality_id,
            province_id=row.municipality.province_id,
            party=row.party,
            population=row.municipality.population,
            order=position,
            pin=row.pin,
        )
        for position, row in enumerate(rows)
    ]
    municipalities, emails = _manager_conflicts(track.learning_manager_id)
    rules = composer.Rules(
        capacity=track.capacity,
        province_cap=track.province_cap,
        conflict_municipality_ids=frozenset(municipalities),
        conflict_applicant_ids=frozenset(row.pk for row in rows if row.wethouder.email.casefold() in emails),
    )
    return applicants, rules


def _manager_conflicts(user_id) -> tuple[set[int], set[str]]:
    """Municipalities the learning manager lives in, governed or declared; persons declared."""
    profile = CoachProfile.objects.filter(user_id=user_id).prefetch_related("former_roles", "conflicts").first()
    if profile is None:
        return set(), set()
    municipalities = {profile.home_municipality_id} | {role.municipality_id for role in profile.former_roles.all()}
    municipalities |= {conflict.municipality_id for conflict in profile.conflicts.all()}
    emails = {c.person_email.casefold() for c in profile.conflicts.all() if c.person_email}
    return municipalities - {None}, emails


def attendance_by_session(track) -> dict[int, dict[int, bool]]:
    """Per session id: participant id → present (what coordinators see, besides the scales)."""
    result: dict[int, dict[int, bool]] = {}
    rows = Attendance.objects.filter(session__track=track).values_list("session_id", "participant_id", "present")
    for session_id, participant_id, present in rows:
        result.setdefault(session_id, {})[participant_id] = present
    return result


def sessions_with_attendance(track) -> list:
    """The track's sessions, each with how many participants were recorded and were present."""
    attendance = attendance_by_session(track)
    sessions = list(track.sessions.all())
    scales = evaluation_scales(track)
    for session in sessions:
        recorded = attendance.get(session.pk, {})
        session.attendance_total, session.attendance_here = len(recorded), sum(recorded.values())
        session.scales = scales.get(session.pk)
    return sessions


def group_entries(track):
    return track.entries.select_related("author", "session")


def evaluation_scales(track) -> dict:
    """The averages of the scales, per session id and for the close (key None): numbers only."""
    rows = (
        Evaluation.objects.filter(track=track)
        .values("session_id")
        .annotate(value=Avg("value"), safety=Avg("safety"), count=Count("pk"))
    )
    return {row["session_id"]: row for row in rows}


def goals_for(user, track) -> list:
    """The participant's own goals; for the learning manager every participant's."""
    goals = ParticipantGoal.objects.filter(application__track=track).select_related("application__wethouder")
    if track.learning_manager_id != user.pk:
        goals = goals.filter(application__wethouder=user)
    return list(goals)


def own_application(user, track):
    return track.applications.placed().filter(wethouder=user).first()


def led_tracks(user) -> dict:
    """For the coach's home: the tracks they are the learning manager of, not yet closed."""
    tracks = Track.objects.filter(learning_manager=user).exclude(state=TrackState.CLOSED)
    return {"led_tracks": list(tracks)}


def alumni(track) -> list:
    """The members who agreed to share their contact details, with what they shared."""
    return list(
        track.applications.placed()
        .filter(shares_contact=True)
        .select_related("wethouder", "municipality")
        .order_by("wethouder__first_name")
    )


def manager_talks(track) -> list:
    """Planned and held talks with the managers: dates only, there is no content."""
    return list(ManagerTalk.objects.filter(application__track=track).select_related("application__wethouder"))


@dataclass(frozen=True)
class SponsorRow:
    """A participant of a year programme and how far their sponsor is: `status` is "none" (no
    sponsor yet), "active" (has set a password), "invited" (a link that still works, until
    `invitation.expires_at`) or "expired" (the newest link no longer works)."""

    application: Application
    sponsor: object = None
    organisation: str = ""
    invitation: Invitation | None = None

    @property
    def status(self) -> str:
        if self.sponsor is None:
            return "none"
        if self.sponsor.has_usable_password():
            return "active"
        return "invited" if self.invitation is not None and self.invitation.is_usable else "expired"


def sponsor_rows(track) -> list[SponsorRow]:
    """For the coordinators: each participant with their sponsor and the state of the sponsor's
    account, never the assignment itself. Two queries."""
    applications = (
        track.applications.placed()
        .select_related("wethouder", "assignment__sponsor")
        .order_by("wethouder__first_name", "wethouder__last_name", "pk")
    )
    assignments = [(application, getattr(application, "assignment", None)) for application in applications]
    waiting = {a.sponsor_id for _app, a in assignments if a and a.sponsor and not a.sponsor.has_usable_password()}
    newest = {i.user_id: i for i in Invitation.objects.filter(user_id__in=waiting).order_by("created_at")}
    return [
        SponsorRow(application, a.sponsor, a.sponsor_organisation, newest.get(a.sponsor_id))
        if a
        else SponsorRow(application)
        for application, a in assignments
    ]


def sponsor_home(user) -> dict:
    """For the sponsor's home: the assignments they sponsor, with participant and programme."""
    assignments = (
        Assignment.objects.filter(sponsor=user, application__track__kind=TrackKind.YEAR_PROGRAMME)
        .select_related("application__wethouder", "application__track")
        .order_by("application__track__starts_on", "application__wethouder__first_name", "pk")
    )
    return {"sponsored_assignments": list(assignments)}
