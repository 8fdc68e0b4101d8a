from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coaching.explain import unmatched_sentence
from coaching.services.wave import approve_wave, compute_wave


class Command(BaseCommand):
    help = "Compute one globally optimal proposal for every intake ready for matching (a preview)."

    def add_arguments(self, parser):
        parser.add_argument("--approve", action="store_true", help="Approve every proposal of the wave at once.")
        parser.add_argument("--as", dest="coordinator", help="Email of the coordinator approving (with --approve).")

    def handle(self, *args, coordinator=None, approve=False, **options):
        by = None
        if approve:
            by = get_user_model().objects.filter(email__iexact=coordinator or "", role="coordinator").first()
            if by is None:
                raise CommandError("--approve needs --as EMAIL of a coordinator.")
        wave = compute_wave(by=by)
        stats = wave.stats
        self.stdout.write(
            f"Wave {wave.pk}: {stats['intakes']} intakes, "
            f"{stats['places']} free places with {stats['coaches']} coaches; "
            f"{stats['matched']} matched, {stats['unmatched']} unmatched; total score {wave.total_score:.3f}; "
            f"computed in {stats['seconds']} s"
        )
        for unmatched in wave.unmatched.select_related("intake__wethouder", "intake__municipality"):
            intake = unmatched.intake
            reason = unmatched_sentence(unmatched.reason_code, unmatched.params)
            self.stdout.write(f"  unmatched: {intake.wethouder} ({intake.municipality}): {reason}")
        if approve:
            outcome = approve_wave(wave, by=by)
            self.stdout.write(f"Approved {len(outcome['approved'])}; refused {len(outcome['refused'])}.")
            for match, reason in outcome["refused"]:
                self.stdout.write(f"  refused: {match.wethouder} – {match.coach}: {reason}")
