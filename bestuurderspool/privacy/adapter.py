"""allauth's MFA adapter with the portal's key ring: TOTP secrets and recovery-code seeds are
stored as Fernet tokens (`bestuurderspool/crypto.py`), so a database dump or the admin does not
give anyone a working second factor."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db import transaction

from bestuurderspool import crypto


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)


#: The keys of `Authenticator.data` that hold an encrypted secret (a string or a list of them).
SECRET_KEYS = ("secret", "seed", "migrated_codes")


def rotate_mfa_secrets() -> int:
    """Re-encrypt every stored second-factor secret under the first key (key rotation, README).
    Each row is locked while it is rewritten; safe to run again."""
    count = 0
    for pk in Authenticator.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            authenticator = Authenticator.objects.select_for_update().get(pk=pk)
            for key in SECRET_KEYS:
                value = authenticator.data.get(key)
                if isinstance(value, str):
                    authenticator.data[key] = crypto.rotate(value)
                elif isinstance(value, list):
                    authenticator.data[key] = [crypto.rotate(item) for item in value]
            authenticator.save(update_fields=["data"])
            count += 1
    return count
