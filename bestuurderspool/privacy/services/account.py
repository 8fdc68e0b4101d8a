"""Changes to someone's sign-in made by someone else (the admin): mailed to the owner and
recorded in the audit trail. A password is never set by someone else for a coach, a
wethouder or a sponsor: they get a reset link instead."""

from allauth.account.forms import ResetPasswordForm
from django.db import transaction

from bestuurderspool.accounts.enums import Role

from ..enums import AuditAction
from ..tasks import send_security_change_email
from .audit import record

#: Roles whose password only the owner sets (reset link), never an administrator.
OWN_PASSWORD_ROLES = (Role.COACH, Role.WETHOUDER, Role.SPONSOR)
PASSWORD, MFA = "password", "mfa"


def may_set_password(user) -> bool:
    return user.role not in OWN_PASSWORD_ROLES


def _tell_owner(user, change: str, *, by) -> None:
    if by is not None and by.pk == user.pk:
        return
    action = AuditAction.PASSWORD_CHANGED_BY_OTHER if change == PASSWORD else AuditAction.MFA_REMOVED_BY_OTHER
    record(action, user, by=by)
    transaction.on_commit(lambda: send_security_change_email.delay(user.pk, change))


def password_changed_by_other(user, *, by) -> None:
    """Tell the owner after the admin's own password form changed it."""
    _tell_owner(user, PASSWORD, by=by)


@transaction.atomic
def remove_authenticators(authenticators, *, by) -> None:
    """Delete authenticators (a lost phone); each owner is told once."""
    owners = {authenticator.user for authenticator in authenticators}
    for authenticator in authenticators:
        authenticator.delete()
    for owner in owners:
        _tell_owner(owner, MFA, by=by)


def send_reset_link(user, *, request, by) -> None:
    """Mail the owner allauth's password reset link, and record who sent it."""
    form = ResetPasswordForm(data={"email": user.email})
    if form.is_valid():
        form.save(request)
    record(AuditAction.RESET_LINK_SENT, user, by=by)
