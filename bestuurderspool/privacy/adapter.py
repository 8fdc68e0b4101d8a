"""allauth's MFA adapter with the portal's key ring: TOTP secrets and recovery-code seeds are
stored as Fernet tokens (`bestuurderspool/crypto.py`), so a database dump or the admin does not
give anyone a working second factor."""

from allauth.mfa.adapter import DefaultMFAAdapter

from bestuurderspool import crypto


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
