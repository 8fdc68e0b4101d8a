"""Remove what passed its retention period (the daily beat task runs the same service)."""

from django.core.management.base import BaseCommand

from bestuurderspool.privacy.services import retention


class Command(BaseCommand):
    help = "Remove personal data whose retention period has passed (see README, 'Privacy')."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only show what would be removed.")

    def handle(self, *args, dry_run=False, **options):
        plan = retention.purge_expired_data(dry_run=dry_run)
        prefix = "would remove" if dry_run else "removed"
        for line in plan.lines():
            self.stdout.write(f"{prefix}: {line}")
