from django.core.management.base import BaseCommand

from bestuurderspool.municipalities.services import load_reference_data


class Command(BaseCommand):
    help = "Load or update provinces, municipalities (CBS 2026) and national parties."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
