"""Re-encrypt every confidential text under the first key of FIELD_ENCRYPTION_KEYS.

Rotation (see the README): put the new key in front (`NEW,OLD`), deploy, run this command, then
drop the old key. Calendar feed addresses are hashed again under the current SECRET_KEY (from
their encrypted copy), so a SECRET_KEY kept in SECRET_KEY_FALLBACKS can then go too. Rows are
rewritten in batches, each in its own transaction with its rows locked, so a coach saving a note
at the same moment is not overwritten. Safe to interrupt and to run again.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from bestuurderspool.crypto import EncryptedTextField
from bestuurderspool.privacy.adapter import rotate_mfa_secrets
from coaching.services.trajectories import rehash_calendar_feeds

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every confidential text with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
            if fields:
                count = self._rotate(model, fields)
                self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        count = rehash_calendar_feeds()
        self.stdout.write(f"coaching.CalendarFeed: {count} addresses hashed under the current SECRET_KEY")

        # Second-factor secrets are encrypted with the same keys (allauth's MFA adapter).
        self.stdout.write(f"mfa.Authenticator: {rotate_mfa_secrets()} rows re-encrypted")

    def _rotate(self, model, fields) -> int:
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                # Reading decrypts with any key; saving encrypts with the first.
                for row in model.objects.select_for_update().filter(pk__in=ids[start : start + BATCH]).only(*fields):
                    row.save(update_fields=fields)
        return len(ids)
