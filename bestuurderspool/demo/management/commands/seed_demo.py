from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from bestuurderspool.demo.people import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_POOL_TOTP_SECRET,
    DEMO_TOTP_SECRETS,
    recovery_codes,
)
from bestuurderspool.demo.seeders import SEEDERS
from bestuurderspool.municipalities.services import load_reference_data


class Command(BaseCommand):
    help = "Load the demo data: municipalities, provinces, parties, coaches and wethouders. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the demo accounts.")

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
        for path in SEEDERS:
            import_string(path)(self.stdout)
        if not options["quiet_accounts"]:
            self._print_accounts()

    def _print_accounts(self):
        User = get_user_model()
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        for email, *_ in DEMO_ACCOUNTS:
            user = User.objects.get(email=email)
            role = "superuser" if user.is_superuser else user.role
            line = f"  {role:<12} {email}"
            if email in DEMO_TOTP_SECRETS:
                line += f"\n    TOTP secret: {DEMO_TOTP_SECRETS[email]} (authenticator app)"
                line += f"\n    recovery codes: {' '.join(recovery_codes(user))}"
            self.stdout.write(line)
        pool = User.objects.filter(email__endswith="@demo-pool.nl").order_by("email")
        if pool:
            self.stdout.write(
                f"  {len(pool)} more coaches of the demo pool, such as {pool[0].email}"
                f"\n    TOTP secret (shared by all of them): {DEMO_POOL_TOTP_SECRET}"
            )
        wethouders = User.objects.filter(role="wethouder", email__endswith="@demo.bestuurderspool.nl").order_by("email")
        for user in wethouders.exclude(email__in=[email for email, *_ in DEMO_ACCOUNTS]):
            self.stdout.write(f"  {'wethouder':<12} {user.email}")
