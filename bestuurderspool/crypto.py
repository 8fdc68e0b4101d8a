"""Encryption at rest for confidential texts (coaches' notes, summaries, observation reports).

The keys come from the environment (`FIELD_ENCRYPTION_KEYS`, comma-separated Fernet keys). The
first key encrypts; every key decrypts, so a new key can be put in front while old rows are
still readable, and `manage.py rotate_encryption_keys` then re-encrypts every row with it (see
the README). Fernet (cryptography's authenticated AES-CBC + HMAC) adds a timestamp and a random
IV, so equal texts never give equal ciphertexts.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key.") from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


@receiver(setting_changed)
def _forget_keys(setting, **kwargs):
    if setting == "FIELD_ENCRYPTION_KEYS":
        _fernet.cache_clear()


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        # Never show ciphertext or guess: a missing key is an operations error to fix.
        raise ImproperlyConfigured("A confidential text cannot be decrypted with FIELD_ENCRYPTION_KEYS.") from error


def rotate(token: str) -> str:
    """The same text, encrypted again under the first key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A TextField stored as a Fernet token. The empty string stays empty (nothing to hide, and
    forms can tell "not written yet"). Not searchable or sortable in the database, by design."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)
