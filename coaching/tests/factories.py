import factory
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.municipalities.models import Municipality
from coaching.enums import MatchState
from coaching.models import CoachProfile, ConflictOfInterest, FormerRole, Match


def municipality(name: str) -> Municipality:
    return Municipality.objects.lookup(name)


class CoachProfileFactory(factory.django.DjangoModelFactory):
    """A coach (with TOTP) living in Zwolle, two places, coaching on every common theme."""

    class Meta:
        model = CoachProfile

    user = factory.LazyFunction(lambda: with_totp(UserFactory(role="coach")))
    home_municipality = factory.LazyFunction(lambda: municipality("Zwolle"))
    themes = ["personal_leadership", "field_of_forces", "council", "media"]
    capacity = 2
    availability = ["mon_morning", "thu_evening"]
    observes = True
    gender = "female"


class FormerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormerRole

    coach = factory.SubFactory(CoachProfileFactory)
    background = "ex_wethouder"
    municipality = factory.LazyFunction(lambda: municipality("Deventer"))
    start_year = 2010
    end_year = 2018


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    coach = factory.SubFactory(CoachProfileFactory)


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    intake = factory.SubFactory("intake.tests.factories.ReadyIntakeFactory")
    wethouder = factory.LazyAttribute(lambda m: m.intake.wethouder)
    coach = factory.LazyFunction(lambda: CoachProfileFactory().user)
    state = MatchState.PROPOSED
    proposed_at = factory.LazyFunction(timezone.now)
