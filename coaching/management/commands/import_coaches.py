from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coaching.services.pool import ImportRefused, import_pool


class Command(BaseCommand):
    help = "Import or update the pool from a CSV file (all or nothing; matched on email)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, write nothing.")
        parser.add_argument("--invite-as", help="Email of a coordinator: new coaches get an invitation from them.")

    def handle(self, *args, file: Path, dry_run=False, invite_as=None, **options):
        try:
            content = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        by = get_user_model().objects.filter(email__iexact=invite_as).first() if invite_as else None
        try:
            counts = import_pool(content, by=by, dry_run=dry_run)
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(f"line {error.line}, {error.column}: {error.message}")
            raise CommandError(f"Refused: {len(refused.errors)} problems; nothing was imported.") from None
        prefix = "Dry run: would have " if dry_run else ""
        self.stdout.write(f"{prefix}created {counts['created']}, updated {counts['updated']} coaches.")
