"""A wethouder applies for a place in the next BLOT from their home; applications form a waiting
list per track."""

import pytest
from django.urls import reverse

from coaching.tests.factories import municipality
from intake.enums import Offer
from intake.tests.factories import ReadyIntakeFactory
from tracks.models import Application
from tracks.services import apply_for_track

from .factories import ApplicationFactory, TrackFactory


def test_the_home_offers_the_next_blot(wethouder, track, client_for):
    response = client_for(wethouder).get(reverse("home"))
    assert response.context["next_blot"] == track
    assert reverse("tracks:apply", args=[track.pk]) in response.content.decode()


def test_applying_fills_in_the_intake_municipality_and_joins_the_waiting_list(wethouder, track, client_for):
    ReadyIntakeFactory(wethouder=wethouder, municipality=municipality("Deventer"))
    client = client_for(wethouder)
    form = client.get(reverse("tracks:apply", args=[track.pk])).context["form"]
    assert form.initial["municipality"] == municipality("Deventer")
    ApplicationFactory(track=track)
    data = {"municipality": municipality("Deventer").pk, "party": "D66", "motivation": "Leren van collega's"}
    response = client.post(reverse("tracks:apply", args=[track.pk]), data)
    assert response.url == reverse("home")
    application = Application.objects.get(wethouder=wethouder)
    assert (application.state, application.party, application.motivation) == ("waiting", "D66", "Leren van collega's")
    home = client.get(reverse("home"))
    assert home.context["next_blot"] is None
    assert [a.position for a in home.context["track_applications"]] == [2]
    assert "nummer 2" in home.content.decode()


def test_applying_from_home_makes_an_open_coach_only_intake_ask_for_both(wethouder, other_wethouder, track):
    open_intake = ReadyIntakeFactory(wethouder=wethouder, offer=Offer.COACH)
    closed = ReadyIntakeFactory(wethouder=other_wethouder, offer=Offer.COACH, state="withdrawn")
    for intake in (open_intake, closed):
        apply_for_track(track, wethouder=intake.wethouder, municipality=intake.municipality)
    open_intake.refresh_from_db()
    closed.refresh_from_db()
    assert (open_intake.offer, open_intake.state, closed.offer) == (Offer.BOTH, "ready_for_matching", Offer.COACH)


def test_a_municipality_is_needed(wethouder, track, client_for):
    response = client_for(wethouder).post(reverse("tracks:apply", args=[track.pk]), {"motivation": "Graag"})
    assert response.context["form"].errors["municipality"] == ["Dit veld is verplicht."]
    assert response.context["form"]["motivation"].value() == "Graag"
    assert not Application.objects.exists()


def test_applying_twice_is_refused(wethouder, track, client_for):
    ApplicationFactory(track=track, wethouder=wethouder)
    data = {"municipality": municipality("Deventer").pk}
    response = client_for(wethouder).post(reverse("tracks:apply", args=[track.pk]), data)
    assert response.context["form"].non_field_errors() == ["U heeft zich al aangemeld voor dit groepstraject."]
    assert Application.objects.count() == 1


def test_withdrawing_and_applying_again(wethouder, track, client_for):
    application = ApplicationFactory(track=track, wethouder=wethouder)
    client = client_for(wethouder)
    client.post(reverse("tracks:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == "withdrawn"
    client.post(reverse("tracks:apply", args=[track.pk]), {"municipality": municipality("Deventer").pk})
    application.refresh_from_db()
    assert application.state == "waiting"


def test_someone_elses_application_cannot_be_withdrawn(other_wethouder, track, client_for):
    application = ApplicationFactory(track=track)
    assert client_for(other_wethouder).post(reverse("tracks:withdraw", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.state == "waiting"


def test_a_composed_or_started_track_takes_no_applications(wethouder, client_for):
    composed = TrackFactory(state="composed")
    started = TrackFactory(starts_on="2026-11-01")
    for track in (composed, started):
        response = client_for(wethouder).post(reverse("tracks:apply", args=[track.pk]), {"municipality": 1})
        assert response.status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize("persona", ["coach", "coordinator", None])
def test_only_wethouders_apply(db, persona, track, client_for, request):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(reverse("tracks:apply", args=[track.pk]), {"municipality": 1})
    assert response.status_code == (302 if persona is None else 403)
    assert not Application.objects.exists()
