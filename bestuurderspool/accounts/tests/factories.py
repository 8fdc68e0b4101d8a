import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from bestuurderspool.accounts.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary email and the password `PASSWORD`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    role = "wethouder"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def with_totp(user, secret: str | None = None):
    """Give `user` an authenticator app, as coaches and coordinators must have."""
    user.totp_secret = secret or generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


#: A code is typed and sent within this many seconds; one read later waits for the next period.
TOTP_TYPING_TIME = 6


def totp_code(secret: str) -> str:
    """The code an authenticator app shows for `secret`, as a person reads it: when the current
    period ends within `TOTP_TYPING_TIME`, they wait for the next code (the portal accepts only the
    current period's code, so a code read at the last second would be refused on arrival)."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < TOTP_TYPING_TIME:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))
