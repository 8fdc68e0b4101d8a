import datetime

import factory
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.municipalities.models import Municipality, Party
from intake.enums import IntakeState, Offer
from intake.models import Intake


class IntakeFactory(factory.django.DjangoModelFactory):
    """A draft intake with nothing answered yet."""

    class Meta:
        model = Intake

    wethouder = factory.SubFactory(UserFactory, role="wethouder")


def complete_answers() -> dict:
    """Every required answer, as a wethouder would give them."""
    return {
        "offer": Offer.COACH,
        "municipality": Municipality.objects.get(name="Utrecht"),
        "portfolio": "Wonen en ruimtelijke ordening",
        "party": Party.objects.get(short_name="D66"),
        "installed_on": datetime.date(2026, 5, 1),
        "first_term": True,
        "themes": ["personal_leadership", "field_of_forces"],
        "question": "Ik wil steviger staan in de raad.",
        "availability": ["mon_morning", "thu_evening"],
        "meeting_places": ["town_hall"],
    }


class CompleteIntakeFactory(IntakeFactory):
    """A draft with every required answer, ready to submit."""

    offer = Offer.COACH
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(name="Utrecht"))
    portfolio = "Wonen en ruimtelijke ordening"
    party = factory.LazyFunction(lambda: Party.objects.get(short_name="D66"))
    installed_on = datetime.date(2026, 5, 1)
    first_term = True
    themes = ["personal_leadership", "field_of_forces"]
    question = "Ik wil steviger staan in de raad."
    availability = ["mon_morning", "thu_evening"]
    meeting_places = ["town_hall"]
    last_completed_step = 5


class SubmittedIntakeFactory(CompleteIntakeFactory):
    state = IntakeState.SUBMITTED
    consent_given_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)


class BlotOnlyIntakeFactory(SubmittedIntakeFactory):
    """Submitted for a place in the BLOT only: the coach's answers were never asked."""

    offer = Offer.BLOT
    state = IntakeState.BLOT_ONLY
    themes = factory.LazyFunction(list)
    question = ""
    availability = factory.LazyFunction(list)
    meeting_places = factory.LazyFunction(list)
    last_completed_step = 1


class ReadyIntakeFactory(SubmittedIntakeFactory):
    state = IntakeState.READY_FOR_MATCHING
