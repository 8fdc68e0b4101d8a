"""Demo pool: about thirty coaches, imported from coaching/data/demo_coaches.csv with the same
import coordinators use (so the demo also exercises it), plus a few matches in different states.
Every pool coach can sign in (the demo password and the shared demo TOTP secret). One ready
intake is left without a match, for trying the proposals. Idempotent: the import updates by
email; matches are only made for intakes named here."""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from bestuurderspool.accounts.enums import Role
from bestuurderspool.accounts.models import User
from bestuurderspool.demo.people import DEMO_POOL_TOTP_SECRET, enable_sign_in
from intake.enums import IntakeState
from intake.models import Intake

from .models import Match
from .services import matches as match_services
from .services import trajectories as trajectory_services
from .services.pool import import_pool

DEMO_CSV = Path(__file__).resolve().parent / "data" / "demo_coaches.csv"


def seed(stdout) -> None:
    counts = import_pool(DEMO_CSV.read_text(encoding="utf-8"))
    stdout.write(f"pool: {counts['created']} coaches created, {counts['updated']} updated")
    for coach in User.objects.filter(role=Role.COACH, email__endswith="@demo-pool.nl"):
        enable_sign_in(coach, totp_secret=DEMO_POOL_TOTP_SECRET)
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
    _seed_trajectory(ready.filter(wethouder__email="j.smit@demo.bestuurderspool.nl").first(), coach, coordinator)
    second = ready.filter(wethouder__email="m.vandijk@demo.bestuurderspool.nl").first()
    if second is not None and not Match.objects.filter(intake=second).exists():
        match_services.propose_match(second, by=coordinator)


DEMO_SESSIONS = [
    (
        "Kennismaking met de raad: wie zijn de sleutelfiguren, waar zitten de gevoeligheden?",
        "Eerste sessie: we brachten het krachtenveld rond de portefeuille in kaart.",
    ),
    (
        "Spanning met de fractievoorzitter over de zorgbegroting; oefenen met 'nee' zeggen.",
        "We oefenden het interruptiedebat. Volgende keer: omgaan met de pers.",
    ),
]


def _seed_trajectory(intake, coach, coordinator) -> None:
    """A trajectory four months under way, for the demo coach: two sessions logged with notes
    and summaries, the rest still ahead."""
    if intake is None:
        return
    now = timezone.now()
    match = match_services.choose_coach(intake, coach=coach, reason="Demo: ervaring met zorg", by=coordinator)
    match_services.accept_match(match, by=coach)
    klik_at = now - timedelta(days=120)
    Match.objects.filter(pk=match.pk).update(
        state="klik", kennismaking_at=klik_at, coach_klik=True, wethouder_klik=True, coach_klik_at=klik_at
    )
    trajectory = trajectory_services.start_trajectory(match, by=coach, klik_on=timezone.localdate(klik_at))
    sessions = trajectory.appointments.filter(kind="session").order_by("on")
    for appointment, (private, shared) in zip(sessions, DEMO_SESSIONS, strict=False):
        held_at = datetime.combine(appointment.on, time(10), tzinfo=timezone.get_current_timezone())
        trajectory_services.log_session(
            appointment,
            held_at=held_at,
            minutes=90,
            mode="in_person",
            themes=["council"],
            private_notes=private,
            shared_summary=shared,
            by=coach,
        )
