"""Writes about accounts: invitations for coaches, coordinators and sponsors."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import INVITATION_PAGE_ROLES, INVITED_ROLES
from .models import Invitation
from .tasks import send_invitation_email
from .tokens import check_invitation_token, parse_invitation_id


@transaction.atomic
def invite_user(email: str, *, role: str, first_name: str, last_name: str, by) -> Invitation:
    """Invite a coach or coordinator: create their account without a password and mail a link.

    Inviting someone again (who has not accepted yet) revokes the earlier link. An address that
    already belongs to an active account with a password is refused.
    """
    if role not in INVITATION_PAGE_ROLES:
        raise ValidationError(_("Only coaches and coordinators are invited."), code="role")
    invitation = create_invitation(email, role=role, first_name=first_name, last_name=last_name, by=by)
    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk))
    return invitation


@transaction.atomic
def create_invitation(email: str, *, role: str, first_name: str, last_name: str, by) -> Invitation:
    """`invite_user` without its mail, for a caller that words the mail itself (a sponsor's
    invitation names the assignment): the account without a password, the earlier links revoked,
    a new link. The caller mails it through `transaction.on_commit`."""
    if role not in INVITED_ROLES:
        raise ValidationError(_("Only coaches, coordinators and sponsors are invited."), code="role")
    email = email.strip().lower()
    user = _invitee(email, role=role, first_name=first_name, last_name=last_name)
    if user.has_usable_password() or user.role != role:
        raise ValidationError(_("This email address already has an account in the portal."), code="exists")
    invitation = _new_invitation(user, role=role, by=by)
    user.invitations.pending().update(revoked_at=invitation.created_at)
    invitation.save()
    return invitation


@transaction.atomic
def invite_new_users(people: list[tuple[str, str, str]], *, role: str, by) -> list[Invitation]:
    """`invite_user` for many new addresses at once (a batch of a pool import): every account
    without a password and its link in two statements, each mailed after commit. `people` are
    (email, first name, last name) with addresses that have no account yet; an address taken
    meanwhile fails the whole call on the unique email, as one `invite_user` would."""
    if role not in INVITATION_PAGE_ROLES:
        raise ValidationError(_("Only coaches and coordinators are invited."), code="role")
    User = get_user_model()
    users = []
    for email, first_name, last_name in people:
        user = User(email=email.strip().lower(), role=role, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    invitations = Invitation.objects.bulk_create(_new_invitation(user, role=role, by=by) for user in users)
    for invitation in invitations:
        transaction.on_commit(lambda pk=invitation.pk: send_invitation_email.delay(pk))
    return invitations


def _invitee(email: str, *, role: str, first_name: str, last_name: str):
    """The account at `email`, locked; new (without a password) when there is none. Two
    coordinators inviting the same new address at once: the second insert waits for the first
    and, finding the address taken, goes on with the account the first one made."""
    User = get_user_model()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User(email=email, role=role, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return User.objects.select_for_update().get(email__iexact=email)
    return user


def _new_invitation(user, *, role: str, by) -> Invitation:
    """A link for `user`, valid `INVITATION_VALID_DAYS`, not saved yet."""
    now = timezone.now()
    return Invitation(
        user=user,
        role=role,
        nonce=secrets.token_urlsafe(32),
        invited_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link points at, or None for a forged or unknown link."""
    invitation_id = parse_invitation_id(token)
    if invitation_id is None:
        return None
    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is None or not check_invitation_token(invitation, token):
        return None
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, *, password: str):
    """Set the invited user's password, confirm their email (the link proved it), close the link.
    The account is locked before the link, as everywhere (`_invitee`)."""
    user = get_user_model().objects.select_for_update().get(pk=invitation.user_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation link is no longer valid."), code="unusable")
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def remember_language(user, language: str) -> None:
    """Keep the language a signed-in user chose: their pages and every mail to them use it."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        get_user_model().objects.filter(pk=user.pk).update(language=language)
        user.language = language
