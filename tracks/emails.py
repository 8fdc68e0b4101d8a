"""One function per message of group tracks, each rendered in the recipient's language. Mails
say what happens and link to the portal; they never quote the group space."""

from django.urls import reverse

from bestuurderspool.accounts.models import Invitation
from bestuurderspool.accounts.tokens import make_invitation_token
from bestuurderspool.ics import invitation_ics
from bestuurderspool.mail import Attachment, send_templated_mail

from .models import Application, Assignment, Track, TrackSession


def session_ics(session: TrackSession) -> bytes:
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    return invitation_ics(
        uid=f"track-session-{session.pk}@bestuurderspool",
        summary=f"{session.track.name}: {session.title}",
        start=session.starts_at,
        minutes=minutes,
        location=session.venue,
        sequence=session.sequence,
    )


def _session_attachments(sessions) -> tuple[Attachment, ...]:
    return tuple(Attachment(f"sessie-{s.pk}.ics", session_ics(s), "text/calendar") for s in sessions)


def send_cohort_invitations(track_id: int, application_ids: list[int]) -> None:
    """Each new participant: welcome to the cohort, with every session planned so far."""
    track = Track.objects.select_related("learning_manager").get(pk=track_id)
    sessions = list(track.sessions.all())
    path = reverse("tracks:detail", args=[track.pk])
    for application in Application.objects.filter(pk__in=application_ids).select_related("wethouder"):
        context = {"track": track, "sessions": sessions, "path": path}
        send_templated_mail(
            "track_invitation", to=application.wethouder, context=context, attachments=_session_attachments(sessions)
        )


def send_session_invitations(session_id: int) -> None:
    """A new or changed session, to the participants and the learning manager, with its .ics."""
    session = TrackSession.objects.select_related("track__learning_manager").get(pk=session_id)
    track = session.track
    recipients = [track.learning_manager] + [
        a.wethouder for a in track.applications.placed().select_related("wethouder")
    ]
    path = reverse("tracks:detail", args=[track.pk])
    for user in recipients:
        context = {"track": track, "session": session, "path": path}
        send_templated_mail("track_session", to=user, context=context, attachments=_session_attachments([session]))


def _sponsor_context(assignment_id: int) -> dict:
    assignment = Assignment.objects.select_related("application__wethouder", "application__track", "sponsor").get(
        pk=assignment_id
    )
    return {
        "assignment": assignment,
        "participant": assignment.application.wethouder,
        "track": assignment.application.track,
        "path": reverse("tracks:assignment", args=[assignment.application_id]),
    }


def send_sponsor_appointed(assignment_id: int) -> None:
    """The sponsor hears whose assignment they sponsor and where to find it."""
    context = _sponsor_context(assignment_id)
    send_templated_mail("track_sponsor", to=context["assignment"].sponsor, context=context)


def send_sponsor_invitation(assignment_id: int, invitation_id: int) -> None:
    """A sponsor without a password hears whose assignment they sponsor, gets the link to set a
    password and how long it holds; after it they land on their page with the assignment."""
    invitation = Invitation.objects.select_related("user", "invited_by").get(pk=invitation_id)
    context = _sponsor_context(assignment_id) | {
        "invitation": invitation,
        "accept_path": reverse("accept_invitation", args=[make_invitation_token(invitation)]),
    }
    send_templated_mail("track_sponsor_invitation", to=invitation.user, context=context)


def send_participant_invitation(application_id: int, invitation_id: int) -> None:
    """Someone new in a year programme hears which programme, who added them, the link to set a
    password and how long it holds; after it they land on their home with the programme."""
    invitation = Invitation.objects.select_related("user", "invited_by").get(pk=invitation_id)
    application = Application.objects.select_related("track").get(pk=application_id)
    context = {
        "invitation": invitation,
        "track": application.track,
        "accept_path": reverse("accept_invitation", args=[make_invitation_token(invitation)]),
    }
    send_templated_mail("track_participant_invitation", to=invitation.user, context=context)
