from pathlib import Path

from django.core.management.base import BaseCommand

from coaching.csv_pool import export_pool_csv
from coaching.selectors.pool import pool_for_export


class Command(BaseCommand):
    help = "Export the pool as CSV, in the format import_coaches reads."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="Write here instead of standard output.")

    def handle(self, *args, file=None, **options):
        content = export_pool_csv(pool_for_export())
        if file:
            file.write_text(content, encoding="utf-8")
        else:
            self.stdout.write(content, ending="")
