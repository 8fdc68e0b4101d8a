"""The year programme's writes (seed 002): participants the client chooses, the talks with their
managers, and the assignment with its sponsor. Each runs in one transaction; mail leaves on
commit; a broken rule raises ValidationError with a translated message."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurderspool.accounts.enums import Role
from bestuurderspool.accounts.services import create_invitation

from .. import tasks
from ..enums import ApplicationState, TrackKind
from ..models import Application, Assignment, AssignmentComment, ManagerTalk, Track


@transaction.atomic
def add_participant(track: Track, *, email: str, first_name: str = "", last_name: str = "", by) -> Application:
    """A coordinator places someone of the client municipality directly in a year programme (it
    has no waiting list: the client chooses its participants). Someone without an account gets
    one without a password and an invitation naming the programme (the name is then required);
    an address of a coach, coordinator or sponsor is refused on the email field. Mail leaves on
    commit."""
    if track.kind != TrackKind.YEAR_PROGRAMME:
        raise ValidationError(_("Only participants of a year programme are added directly."))
    email = email.strip().lower()
    user = _participant_account(email)
    invitation = None
    if user is None or not user.has_usable_password():
        if not (first_name.strip() and last_name.strip()):
            raise ValidationError(
                {"first_name": _("There is no account with this address yet: enter the name, and we invite them.")}
            )
        invitation = create_invitation(
            email, role=Role.WETHOUDER, first_name=first_name.strip(), last_name=last_name.strip(), by=by
        )
        user = invitation.user
    if Application.objects.filter(track=track, wethouder=user).exists():
        raise ValidationError({"email": _("This person already takes part.")})
    now = timezone.now()
    application = Application.objects.create(
        track=track,
        wethouder=user,
        municipality=track.client_municipality,
        state=ApplicationState.PLACED,
        applied_at=now,
        placed_at=now,
    )
    if invitation is not None:
        transaction.on_commit(lambda: tasks.send_participant_invitation.delay(application.pk, invitation.pk))
    return application


def _participant_account(email: str):
    """The wethouder account with this address, or None; another role's is refused."""
    return _account_of_role(
        email,
        Role.WETHOUDER,
        other_role=_(
            "This email address belongs to the account of a %(role)s in the portal. A participant takes part "
            "with an account of their own: enter another address."
        ),
        switched_off=_("This account has been switched off. Ask the administrator to switch it on."),
    )


@transaction.atomic
def plan_manager_talk(application: Application, *, kind: str, planned_on, by) -> ManagerTalk:
    """The intake, interim or closing talk with the participant's manager (planned again: moved)."""
    if application.track.kind != TrackKind.YEAR_PROGRAMME or application.state != ApplicationState.PLACED:
        raise ValidationError(_("Talks with the manager belong to participants of a year programme."))
    talk, _created = ManagerTalk.objects.update_or_create(
        application=application, kind=kind, defaults={"planned_on": planned_on}
    )
    return talk


@transaction.atomic
def record_talk_held(talk: ManagerTalk, *, held_on, by) -> ManagerTalk:
    talk = ManagerTalk.objects.select_for_update().get(pk=talk.pk)
    if held_on > timezone.localdate():
        raise ValidationError(_("A talk cannot be recorded as held in the future."))
    talk.held_on = held_on
    talk.save(update_fields=["held_on"])
    return talk


@transaction.atomic
def appoint_sponsor(
    application: Application, *, email: str, first_name: str, last_name: str, organisation: str, by
) -> Assignment:
    """A coordinator makes someone the sponsor of one participant's assignment, on behalf of
    `organisation`. A sponsor with an account is linked and told by mail where the assignment
    is (their name stays as they keep it); anyone else gets a sponsor account without a
    password and an invitation naming the assignment (appointed again before accepting: the
    name as entered now, a new link, the earlier one revoked). An address of a wethouder, coach
    or coordinator is refused on the email field: a sponsor's account is a sponsor's only. Mail
    leaves on commit."""
    if application.track.kind != TrackKind.YEAR_PROGRAMME or application.state != ApplicationState.PLACED:
        raise ValidationError(_("Only a participant of a year programme has a sponsored assignment."))
    email = email.strip().lower()
    if email == application.wethouder.email.lower():
        raise ValidationError({"email": _("A participant cannot sponsor their own assignment.")})
    sponsor = _sponsor_account(email)
    invitation = None
    if sponsor is None or not sponsor.has_usable_password():
        invitation = create_invitation(email, role=Role.SPONSOR, first_name=first_name, last_name=last_name, by=by)
        sponsor = _correct_name(invitation.user, first_name=first_name, last_name=last_name)
    assignment, _created = Assignment.objects.select_for_update().get_or_create(application=application)
    assignment.sponsor, assignment.sponsor_organisation = sponsor, organisation.strip()
    assignment.save(update_fields=["sponsor", "sponsor_organisation", "updated_at"])
    _mail_sponsor_on_commit(assignment, invitation)
    return assignment


def _sponsor_account(email: str):
    """The sponsor account with this address, or None; another role's is refused."""
    return _account_of_role(
        email,
        Role.SPONSOR,
        other_role=_(
            "This email address belongs to the account of a %(role)s in the portal. A sponsor has an "
            "account of their own: enter another address, for example the sponsor's work address."
        ),
        switched_off=_("This sponsor's account has been switched off. Ask the administrator to switch it on."),
    )


def _account_of_role(email: str, role: str, *, other_role: str, switched_off: str):
    """The account with this address, locked, None when there is none; an account of another
    role, or one that is switched off, is refused on the email field (with these messages)."""
    user = get_user_model().objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        return None
    if user.role != role:
        raise ValidationError({"email": other_role % {"role": user.get_role_display().lower()}})
    if user.has_usable_password() and not user.is_active:
        raise ValidationError({"email": switched_off})
    return user


def _correct_name(user, *, first_name: str, last_name: str):
    """A sponsor who has not set a password yet is named as the coordinator entered them last
    (a typo is mended by appointing again); once they have, the name is theirs to keep."""
    if (user.first_name, user.last_name) != (first_name, last_name):
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    return user


def _mail_sponsor_on_commit(assignment: Assignment, invitation) -> None:
    if invitation is None:
        transaction.on_commit(lambda: tasks.send_sponsor_appointed.delay(assignment.pk))
    else:
        transaction.on_commit(lambda: tasks.send_sponsor_invitation.delay(assignment.pk, invitation.pk))


@transaction.atomic
def resend_sponsor_invitation(assignment: Assignment, *, by):
    """A coordinator sends a sponsor who has not set a password yet a new link (the earlier one,
    expired or not, stops working). Mail leaves on commit."""
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("sponsor").get(pk=assignment.pk)
    sponsor = assignment.sponsor
    if sponsor is None or sponsor.has_usable_password():
        raise ValidationError(_("The sponsor has set a password already: there is no invitation to send again."))
    invitation = create_invitation(
        sponsor.email, role=Role.SPONSOR, first_name=sponsor.first_name, last_name=sponsor.last_name, by=by
    )
    _mail_sponsor_on_commit(assignment, invitation)
    return invitation


@transaction.atomic
def describe_assignment(application: Application, *, title: str, description: str, by) -> Assignment:
    assignment, _created = Assignment.objects.get_or_create(application=application)
    assignment.title, assignment.description = title, description
    assignment.save(update_fields=["title", "description", "updated_at"])
    return assignment


@transaction.atomic
def comment_on_assignment(assignment: Assignment, *, text: str, by) -> AssignmentComment:
    return AssignmentComment.objects.create(assignment=assignment, author=by, text=text)
