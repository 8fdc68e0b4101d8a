import datetime

import pytest
import time_machine

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import CoachProfileFactory

from .factories import TrackFactory

TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _december():
    """Before the next BLOT starts (14 January 2027)."""
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


@pytest.fixture
def learning_manager(coach):
    """The coach persona leads the group; she lives in Zwolle (the profile factory's default)."""
    CoachProfileFactory(user=coach)
    return coach


@pytest.fixture
def track(learning_manager):
    return TrackFactory(learning_manager=learning_manager, name="BLOT 2027")


@pytest.fixture
def cohort(track, wethouder, other_wethouder):
    """The track composed: the wethouder persona is a participant, the other wethouder waits
    for another track. One 24-hour session is planned."""
    from coaching.tests.factories import municipality
    from tracks.enums import ApplicationState, TrackState

    from .factories import ApplicationFactory, TrackSessionFactory

    ApplicationFactory(
        track=track, wethouder=wethouder, municipality=municipality("Deventer"), state=ApplicationState.PLACED
    )
    ApplicationFactory(track=TrackFactory(), wethouder=other_wethouder)
    track.state = TrackState.COMPOSED
    track.save()
    TrackSessionFactory(track=track)
    return track


@pytest.fixture
def programme(learning_manager):
    """A year programme for Almere, led by the coach persona."""
    from coaching.tests.factories import municipality

    return TrackFactory(
        kind="year_programme",
        name="Jaarprogramma Almere 2027",
        client_municipality=municipality("Almere"),
        learning_manager=learning_manager,
    )


@pytest.fixture
def participants(programme, coordinator, wethouder, other_wethouder):
    """Both wethouder personas take part in the programme."""
    from tracks import services

    return [
        services.add_participant(programme, email=user.email, by=coordinator) for user in (wethouder, other_wethouder)
    ]
