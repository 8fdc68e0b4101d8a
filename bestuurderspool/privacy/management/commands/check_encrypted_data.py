"""Check that every encrypted text in the database decrypts with FIELD_ENCRYPTION_KEYS: after a
restore, or before dropping an old key. Lists each row it cannot read (model, id, field) and
exits with an error, instead of leaving it to fail the first page that loads it."""

import json

from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from bestuurderspool.crypto import EncryptedTextField, fernet
from bestuurderspool.privacy.adapter import SECRET_KEYS


def _readable(token: str) -> bool:
    try:
        fernet().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


class Command(BaseCommand):
    help = "Report every encrypted text that FIELD_ENCRYPTION_KEYS cannot decrypt."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database=DEFAULT_DB_ALIAS, **options):
        checked, unreadable = 0, []
        for label, pk, name, token in self._tokens(connections[database]):
            checked += 1
            if not _readable(token):
                unreadable.append(f"{label} #{pk} {name}")
        for line in unreadable:
            self.stdout.write(f"cannot decrypt: {line}")
        self.stdout.write(f"{checked} encrypted texts checked, {len(unreadable)} unreadable")
        if unreadable:
            raise CommandError(f"{len(unreadable)} encrypted texts cannot be decrypted with FIELD_ENCRYPTION_KEYS.")

    def _tokens(self, connection):
        """(model, id, field, token) for every non-empty encrypted value, read raw (undecrypted)."""
        for model in apps.get_models():
            columns = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            for pk, *values in self._raw(connection, model, columns):
                for column, value in zip(columns, values, strict=True):
                    if value:
                        yield model._meta.label, pk, column.name, value
        for pk, data in self._raw(connection, Authenticator, [Authenticator._meta.get_field("data")]):
            data = json.loads(data) if isinstance(data, str) else data
            for key in SECRET_KEYS:
                values = data.get(key) or []
                for value in values if isinstance(values, list) else [values]:
                    yield Authenticator._meta.label, pk, key, value

    def _raw(self, connection, model, columns) -> list:
        if not columns:
            return []
        quote = connection.ops.quote_name
        names = ", ".join(quote(column.column) for column in columns)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {names} FROM {table} ORDER BY {pk}")  # noqa: S608 (names from the models)
            return cursor.fetchall()
