"""Encryption at rest for confidential texts: coaches' notes, summaries, observation reports,
evaluations; the intake's coaching question, earlier roles, local party and political wish; the
coordinators' conversation notes; the reasons given for wish adjustments, choices, declines,
endings and moved appointments; the calendar feed addresses.

The keys come from the environment (`FIELD_ENCRYPTION_KEYS`, comma-separated Fernet keys). The
first key encrypts; every key decrypts, so a new key can be put in front while old rows are
still readable, and `manage.py rotate_encryption_keys` then re-encrypts every row with it (see
the README). Fernet (cryptography's authenticated AES-CBC + HMAC) adds a timestamp and a random
IV, so equal texts never give equal ciphertexts.
"""

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.crypto import salted_hmac


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


class EncryptedJSONField(EncryptedTextField):
    """A JSON value stored as one Fernet token (None stays NULL). For values that reveal
    confidential answers, such as a coordinator's adjustment of a political wish."""

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


# --- Data migrations ----------------------------------------------------------------------------
# Migrations run these with raw SQL: the historical models' fields would already try to decrypt
# the plain text they are meant to encrypt.


def _is_token(value: str) -> bool:
    try:
        fernet().decrypt(value.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError, ValueError):
        return False
    return True


def _rewrite_columns(schema_editor, table: str, columns: list[str], transform) -> None:
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for column in columns:
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608 (names from code)
            for pk, value in cursor.fetchall():
                new = transform(value)
                if new != value:
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                        [new, pk],
                    )
        fire_deferred_checks(schema_editor)


def fire_deferred_checks(schema_editor) -> None:
    """PostgreSQL refuses to ALTER a table with pending deferred foreign-key checks in the same
    transaction; a migration that updates rows and then alters their table runs them first."""
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def encrypt_columns(schema_editor, table: str, columns: list[str]) -> None:
    """Encrypt the plain text in `columns` of `table` (already text columns); safe to repeat."""
    _rewrite_columns(
        schema_editor,
        table,
        columns,
        lambda value: value if value in (None, "") or _is_token(value) else encrypt(value),
    )


def decrypt_columns(schema_editor, table: str, columns: list[str]) -> None:
    """The reverse of `encrypt_columns`."""
    _rewrite_columns(
        schema_editor,
        table,
        columns,
        lambda value: decrypt(value) if value not in (None, "") and _is_token(value) else value,
    )


def keyed_hash(value: str, *, purpose: str, secret: str | None = None) -> str:
    """An HMAC-SHA256 of `value` under a key derived from SECRET_KEY (or `secret`): stored for
    lookups of a credential (a calendar token) so that a database dump does not give it away."""
    return salted_hmac(f"bestuurderspool.{purpose}", value, secret=secret, algorithm="sha256").hexdigest()


def keyed_hashes(value: str, *, purpose: str) -> list[str]:
    """`keyed_hash` under SECRET_KEY and each of SECRET_KEY_FALLBACKS, for lookups during a
    rotation of SECRET_KEY."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [keyed_hash(value, purpose=purpose, secret=secret) for secret in secrets]


def encrypting_columns(columns: dict[str, list[str]]):
    """A migration operation that encrypts `{table: [column, ...]}` and, reversed, decrypts."""
    from django.db.migrations import RunPython

    def forward(apps, schema_editor):
        for table, names in columns.items():
            encrypt_columns(schema_editor, table, names)

    def backward(apps, schema_editor):
        for table, names in columns.items():
            decrypt_columns(schema_editor, table, names)

    return RunPython(forward, backward)
