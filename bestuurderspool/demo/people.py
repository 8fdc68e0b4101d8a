"""Demo accounts for each role. Coaches and coordinators must pass MFA in the demo too, so
their TOTP secret is fixed here and printed by seed_demo (demo data only, never production).
Every coach of the demo pool signs in with the same password and one shared TOTP secret."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction

from bestuurderspool.accounts.enums import Role

DEMO_PASSWORD = "demo-bestuurderspool"  # noqa: S105 (demo data, printed by seed_demo)
# Base32 secrets for an authenticator app (or `oathtool --totp -b SECRET`).
DEMO_TOTP_SECRETS = {
    "coordinator@demo.bestuurderspool.nl": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "coach@demo.bestuurderspool.nl": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    "admin@demo.bestuurderspool.nl": "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
}
#: Shared by every coach of the demo pool (coaching/data/demo_coaches.csv), so any of them can
#: be tried with one entry in an authenticator app.
DEMO_POOL_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # noqa: S105 (demo data, printed by seed_demo)
DEMO_ACCOUNTS = [
    # email, first name, last name, role, superuser
    ("wethouder@demo.bestuurderspool.nl", "Sanne", "de Vries", Role.WETHOUDER, False),
    ("coordinator@demo.bestuurderspool.nl", "Marieke", "Jansen", Role.COORDINATOR, False),
    ("coach@demo.bestuurderspool.nl", "Henk", "Bakker", Role.COACH, False),
    ("admin@demo.bestuurderspool.nl", "Beheer", "Bestuurderspool", Role.COORDINATOR, True),
]


def ensure_user(email, *, first_name, last_name, role, superuser=False, password=DEMO_PASSWORD):
    """Create (or leave as is) a demo user with a verified email address."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "role": role,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return enable_sign_in(user, totp_secret=DEMO_TOTP_SECRETS.get(email))


def enable_sign_in(user, *, totp_secret: str | None = None, password: str = DEMO_PASSWORD):
    """Let a demo user sign in: the demo password if they have none yet (an imported coach),
    a verified address, and an authenticator app with `totp_secret` plus recovery codes."""
    if not user.has_usable_password():
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if totp_secret and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, totp_secret)
        RecoveryCodes.activate(user)
    return user


def recovery_codes(user) -> list[str]:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    return RecoveryCodes(authenticator).get_unused_codes() if authenticator else []


@transaction.atomic
def seed(stdout) -> None:
    for email, first_name, last_name, role, superuser in DEMO_ACCOUNTS:
        ensure_user(email, first_name=first_name, last_name=last_name, role=role, superuser=superuser)
