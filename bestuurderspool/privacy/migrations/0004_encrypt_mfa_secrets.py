"""Encrypt the TOTP secrets and recovery-code seeds allauth stored in clear, with the portal's
key ring (the MFA adapter reads and writes them encrypted from now on). The reverse decrypts
them again. A value that already is a Fernet token is left as it is."""

from django.db import migrations

from bestuurderspool import crypto

#: Authenticator.data keys holding a secret (a string, or a list of strings).
SECRET_KEYS = ("secret", "seed", "migrated_codes")
FERNET_PREFIX = "gAAAAA"


def _convert(data: dict, convert) -> dict:
    for key in SECRET_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            data[key] = convert(value)
        elif isinstance(value, list):
            data[key] = [convert(item) for item in value]
    return data


def _encrypt(text: str) -> str:
    return text if text.startswith(FERNET_PREFIX) else crypto.encrypt(text)


def _decrypt(text: str) -> str:
    return crypto.decrypt(text) if text.startswith(FERNET_PREFIX) else text


def _migrate(convert):
    def run(apps, schema_editor):
        Authenticator = apps.get_model("mfa", "Authenticator")
        for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
            authenticator.data = _convert(dict(authenticator.data), convert)
            authenticator.save(update_fields=["data"])

    return run


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_privacy_officer_group"), ("mfa", "0003_authenticator_type_uniq")]

    operations = [migrations.RunPython(_migrate(_encrypt), _migrate(_decrypt))]
