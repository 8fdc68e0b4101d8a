"""Demo pool: about thirty coaches, imported from coaching/data/demo_coaches.csv with the same
import coordinators use (so the demo also exercises it), plus a few matches in different states.
Idempotent: the import updates by email; matches are only made for intakes without one."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from bestuurderspool.accounts.models import User
from intake.enums import IntakeState
from intake.models import Intake

from .models import Match
from .services import matches as match_services
from .services.pool import import_pool

DEMO_CSV = Path(__file__).resolve().parent / "data" / "demo_coaches.csv"


def seed(stdout) -> None:
    counts = import_pool(DEMO_CSV.read_text(encoding="utf-8"))
    stdout.write(f"pool: {counts['created']} coaches created, {counts['updated']} updated")
    _seed_matches()


def _seed_matches() -> None:
    coordinator = User.objects.get(email="coordinator@demo.bestuurderspool.nl")
    coach = User.objects.get(email="coach@demo.bestuurderspool.nl")
    ready = Intake.objects.filter(state=IntakeState.READY_FOR_MATCHING, matches__isnull=True).order_by("pk")
    first = ready.filter(wethouder__email="r.demir@demo.bestuurderspool.nl").first()
    if first is not None:
        match = match_services.choose_coach(first, coach=coach, reason="Demo: kent Tilburg goed", by=coordinator)
        match_services.accept_match(match, by=coach)
        match_services.plan_kennismaking(
            match, at=timezone.now() + timedelta(days=5), location="Stadskantoor Tilburg", by=coach
        )
    second = ready.filter(wethouder__email="m.vandijk@demo.bestuurderspool.nl").first()
    if second is not None and not Match.objects.filter(intake=second).exists():
        match_services.propose_match(second, by=coordinator)
