"""Invitation links: `<id>-<hmac>`; the HMAC binds the id to the invitation's nonce."""

from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "bestuurderspool.accounts.invitation"


def make_invitation_token(invitation) -> str:
    digest = salted_hmac(_SALT, f"{invitation.pk}:{invitation.nonce}", algorithm="sha256")
    return f"{invitation.pk}-{digest.hexdigest()}"


def parse_invitation_id(token: str) -> int | None:
    head, _, _ = token.partition("-")
    return int(head) if head.isdigit() and len(head) < 19 else None


def check_invitation_token(invitation, token: str) -> bool:
    return constant_time_compare(make_invitation_token(invitation), token)
