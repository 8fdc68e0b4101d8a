"""Seed 000 and issue 17: in the intake the wethouder chooses a personal coach, a place in the
next BLOT, or both. Asking for the BLOT puts them on the next open cohort's waiting list when
the intake is submitted."""

import datetime

from coaching.tests.factories import municipality
from intake.enums import Offer
from intake.services import submit_intake, withdraw_intake
from intake.tests.factories import CompleteIntakeFactory
from tracks.enums import ApplicationState, TrackKind, TrackState
from tracks.models import Application

from .factories import TrackFactory


def test_asking_for_the_blot_in_the_intake_puts_the_wethouder_on_its_waiting_list(wethouder):
    later = TrackFactory()
    intake = CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BOTH)
    submit_intake(intake, consent=True, by=wethouder)
    (application,) = Application.objects.filter(wethouder=wethouder)
    assert (application.track, application.state) == (later, ApplicationState.WAITING)
    assert application.municipality == intake.municipality


def test_withdrawing_a_blot_only_intake_gives_up_the_place_on_the_waiting_list(wethouder):
    TrackFactory()
    intake = CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BLOT)
    submit_intake(intake, consent=True, by=wethouder)
    withdraw_intake(intake, by=wethouder)
    assert list(Application.objects.filter(wethouder=wethouder).values_list("state", flat=True)) == [
        ApplicationState.WITHDRAWN
    ]


def test_withdrawing_an_intake_for_both_keeps_the_place_and_a_cohort_place_always_stays(wethouder, other_wethouder):
    TrackFactory()
    both = CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BOTH)
    submit_intake(both, consent=True, by=wethouder)
    withdraw_intake(both, by=wethouder)
    blot_only = CompleteIntakeFactory(wethouder=other_wethouder, offer=Offer.BLOT)
    submit_intake(blot_only, consent=True, by=other_wethouder)
    Application.objects.filter(wethouder=other_wethouder).update(state=ApplicationState.PLACED)
    withdraw_intake(blot_only, by=other_wethouder)
    assert sorted(Application.objects.values_list("wethouder__email", "state")) == sorted(
        [(wethouder.email, ApplicationState.WAITING), (other_wethouder.email, ApplicationState.PLACED)]
    )


def test_the_first_open_blot_is_chosen_and_other_kinds_or_closed_ones_are_not(wethouder):
    TrackFactory(starts_on=datetime.date(2027, 1, 10), state=TrackState.COMPOSED)
    TrackFactory(
        starts_on=datetime.date(2027, 1, 5), kind=TrackKind.YEAR_PROGRAMME, client_municipality=municipality("Zwolle")
    )
    second = TrackFactory(starts_on=datetime.date(2027, 3, 1))
    first = TrackFactory(starts_on=datetime.date(2027, 2, 1))
    intake = CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BOTH)
    submit_intake(intake, consent=True, by=wethouder)
    assert list(Application.objects.filter(wethouder=wethouder).values_list("track", flat=True)) == [first.pk]
    assert second.applications.count() == 0


def test_without_the_wish_or_without_an_open_blot_nothing_is_applied(wethouder, other_wethouder):
    intake = CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BOTH)
    submit_intake(intake, consent=True, by=wethouder)  # no BLOT open yet
    TrackFactory()
    other = CompleteIntakeFactory(wethouder=other_wethouder, offer=Offer.COACH)
    submit_intake(other, consent=True, by=other_wethouder)
    assert not Application.objects.exists()


def test_a_blot_that_has_started_takes_no_one_from_the_intake_as_it_takes_no_one_from_home(wethouder, client_for):
    """The same rule as the home page's offer: a cohort whose first day has passed, even while
    its group has not been composed yet, is not the next BLOT."""
    TrackFactory(starts_on=datetime.date(2026, 11, 20), ends_on=datetime.date(2027, 8, 20))
    upcoming = TrackFactory(starts_on=datetime.date(2027, 2, 1))
    assert client_for(wethouder).get("/").context["next_blot"] == upcoming
    intake = CompleteIntakeFactory(wethouder=wethouder, offer=Offer.BOTH)
    submit_intake(intake, consent=True, by=wethouder)
    assert list(Application.objects.filter(wethouder=wethouder).values_list("track", flat=True)) == [upcoming.pk]


def test_a_started_blot_refuses_an_application(wethouder):
    import pytest
    from django.core.exceptions import ValidationError

    from tracks.services import apply_for_track

    started = TrackFactory(starts_on=datetime.date(2026, 11, 20), ends_on=datetime.date(2027, 8, 20))
    with pytest.raises(ValidationError, match="niet meer aanmelden"):
        apply_for_track(started, wethouder=wethouder, municipality=municipality("Deventer"))
    assert not Application.objects.exists()
