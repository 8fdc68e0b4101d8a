import datetime

import factory
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.tests.factories import municipality
from tracks.enums import ApplicationState, TrackKind
from tracks.models import Application, Track, TrackSession

#: Tests run on 1 December 2026 or are moved there; the next BLOT starts in January.
START = datetime.date(2027, 1, 14)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    kind = TrackKind.BLOT
    name = factory.Sequence(lambda n: f"BLOT 2027-{n}")
    starts_on = START
    ends_on = datetime.date(2027, 10, 1)
    capacity = 12
    province_cap = 2
    learning_manager = factory.LazyFunction(lambda: UserFactory(role="coordinator"))


class TrackSessionFactory(factory.django.DjangoModelFactory):
    """A 24-hour session: Thursday 14:00 until Friday 14:00 (Amsterdam)."""

    class Meta:
        model = TrackSession

    track = factory.SubFactory(TrackFactory)
    title = "Eerste 24-uurssessie"
    starts_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime.combine(START, datetime.time(14))))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=24))
    venue = "Landgoed De Horst, Driebergen"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    track = factory.SubFactory(TrackFactory)
    wethouder = factory.LazyFunction(lambda: UserFactory(role="wethouder"))
    municipality = factory.LazyFunction(lambda: municipality("Zwolle"))
    party = "CDA"
    state = ApplicationState.WAITING
    applied_at = factory.LazyFunction(timezone.now)


def apply_from(track, *places, party="CDA"):
    """One application per municipality name, in order."""
    return [ApplicationFactory(track=track, municipality=municipality(name), party=party) for name in places]


def appoint(application, sponsor, *, by, organisation="Gemeente Almere"):
    """`sponsor` (a user) becomes the sponsor of `application`'s assignment, as a coordinator
    enters them."""
    from tracks import services

    return services.appoint_sponsor(
        application,
        email=sponsor.email,
        first_name=sponsor.first_name,
        last_name=sponsor.last_name,
        organisation=organisation,
        by=by,
    )
