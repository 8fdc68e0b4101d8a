"""Demo wethouders with intakes in every stage of the process. Idempotent: keyed on email."""

import datetime
import itertools

from django.db import transaction
from django.utils import timezone

from bestuurderspool.accounts.enums import Role
from bestuurderspool.demo.people import ensure_user
from bestuurderspool.municipalities.models import Municipality, Party

from .enums import IntakeState, Offer
from .models import Intake, IntakeConversation, IntakeTransition

#: The coach process in order; a BLOT-only intake goes from draft straight to its own state.
ORDER = [state for state in IntakeState if state != IntakeState.BLOT_ONLY]
#: Who asks for more than a personal coach (everyone else asks for a coach alone).
OFFERS = {"m.vandijk@demo.bestuurderspool.nl": Offer.BOTH, "l.bakker@demo.bestuurderspool.nl": Offer.BLOT}
DEMO_WETHOUDERS = [
    # email, first, last, municipality, party or local party, portfolio, themes, state
    (
        "wethouder@demo.bestuurderspool.nl",
        "Sanne",
        "de Vries",
        "Zwolle",
        "D66",
        "Onderwijs en jeugd",
        ["personal_leadership", "council"],
        IntakeState.DRAFT,
    ),
    (
        "p.bos@demo.bestuurderspool.nl",
        "Pieter",
        "Bos",
        "Den Haag",
        "VVD",
        "Financiën",
        ["field_of_forces", "media"],
        IntakeState.SUBMITTED,
    ),
    (
        "f.elhaddad@demo.bestuurderspool.nl",
        "Fatima",
        "El Haddad",
        "Den Bosch",
        "GroenLinks-PvdA",
        "Zorg en welzijn",
        ["threats", "personal_leadership"],
        IntakeState.CONVERSATION_PLANNED,
    ),
    (
        "j.kuipers@demo.bestuurderspool.nl",
        "Jan",
        "Kuipers",
        "Súdwest-Fryslân",
        "Lokaal Súdwest",
        "Landbouw en platteland",
        ["governing_style", "partners"],
        IntakeState.CONVERSATION_HELD,
    ),
    (
        "m.vandijk@demo.bestuurderspool.nl",
        "Marloes",
        "van Dijk",
        "Amersfoort",
        "CDA",
        "Ruimtelijke ordening",
        ["field_of_forces", "integrity", "council"],
        IntakeState.READY_FOR_MATCHING,
    ),
    (
        "r.demir@demo.bestuurderspool.nl",
        "Rachid",
        "Demir",
        "Tilburg",
        "VVD",
        "Economie en werk",
        ["media", "governing_style"],
        IntakeState.READY_FOR_MATCHING,
    ),
    (
        "j.smit@demo.bestuurderspool.nl",
        "Joris",
        "Smit",
        "Apeldoorn",
        "GroenLinks-PvdA",
        "Zorg en welzijn",
        ["council", "media", "threats"],
        IntakeState.READY_FOR_MATCHING,
    ),
    # Left without a match by coaching/demo.py: the proposals page ranks the pool for her.
    (
        "e.mulder@demo.bestuurderspool.nl",
        "Eline",
        "Mulder",
        "Groningen",
        "ChristenUnie",
        "Wonen en wijken",
        ["personal_leadership", "field_of_forces", "council"],
        IntakeState.READY_FOR_MATCHING,
    ),
    # Only a place in the BLOT: not on the coordinators' work list; her home offers a coach.
    (
        "l.bakker@demo.bestuurderspool.nl",
        "Lotte",
        "Bakker",
        "Deventer",
        "Gemeentebelang Deventer",
        "Cultuur en sport",
        [],
        IntakeState.BLOT_ONLY,
    ),
]


@transaction.atomic
def seed(stdout) -> None:
    coordinator = ensure_user(
        "coordinator@demo.bestuurderspool.nl", first_name="Marieke", last_name="Jansen", role=Role.COORDINATOR
    )
    for email, first, last, place, party, portfolio, themes, state in DEMO_WETHOUDERS:
        wethouder = ensure_user(email, first_name=first, last_name=last, role=Role.WETHOUDER)
        if Intake.objects.filter(wethouder=wethouder).exists():
            continue
        _create_intake(wethouder, coordinator, place, party, portfolio, themes, state, OFFERS.get(email, Offer.COACH))
    stdout.write(f"{Intake.objects.count()} intakes")


def _create_intake(wethouder, coordinator, place, party, portfolio, themes, state, offer):
    national = Party.objects.filter(short_name=party).first()
    now = timezone.now()
    blot_only = state == IntakeState.BLOT_ONLY  # the coach's steps were never asked
    coach_answers = {
        "themes": themes,
        "question": "Ik wil leren hoe ik overeind blijf in het krachtenveld rond mijn portefeuille.",
        "availability": ["mon_morning", "wed_afternoon", "fri_morning"],
        "meeting_places": ["town_hall", "online"],
        "wants_observation": True,
        "observation_settings": ["council", "committee"],
    }
    intake = Intake.objects.create(
        wethouder=wethouder,
        state=state,
        offer=offer,
        municipality=Municipality.objects.lookup(place),
        party=national,
        local_party="" if national else party,
        portfolio=portfolio,
        installed_on=datetime.date(2026, 4, 20),
        first_term=True,
        **({} if blot_only else coach_answers),
        last_completed_step=1 if blot_only else 5 if state != IntakeState.DRAFT else 2,
        consent_given_at=now if state != IntakeState.DRAFT else None,
        submitted_at=now - datetime.timedelta(days=8) if state != IntakeState.DRAFT else None,
    )
    if blot_only:
        IntakeTransition.objects.create(
            intake=intake, from_state=IntakeState.DRAFT, to_state=state, by=wethouder, at=now
        )
        return
    if ORDER.index(state) >= ORDER.index(IntakeState.CONVERSATION_PLANNED):
        # A conversation still to come is three days ahead; one that was held took place five
        # days ago, after the submission.
        held = state != IntakeState.CONVERSATION_PLANNED
        planned_at = now + datetime.timedelta(days=-5 if held else 3)
        IntakeConversation.objects.create(
            intake=intake,
            planned_at=planned_at,
            mode="online",
            planned_by=coordinator,
            held_at=planned_at if held else None,
        )
    for earlier, later in itertools.pairwise(ORDER[: ORDER.index(state) + 1]):
        IntakeTransition.objects.create(intake=intake, from_state=earlier, to_state=later, by=coordinator, at=now)
