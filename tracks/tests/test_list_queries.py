"""The lists of a track in a fixed number of queries, with one row and with many."""

import pytest
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.tests.factories import municipality
from tracks import services
from tracks.models import Application, ManagerTalk

from .factories import ApplicationFactory, TrackFactory

PLACES = ["Deventer", "Almere", "Utrecht", "Groningen", "Maastricht", "Leiden", "Texel", "Vaals"]


def _members(track, rows):
    for place in PLACES[: rows - 1]:
        ApplicationFactory(
            track=track, municipality=municipality(place), state="placed", shares_contact=True, contact_details="06"
        )


@pytest.mark.parametrize("rows", [1, 8])
@pytest.mark.parametrize("name", ["detail", "group_space", "goals", "alumni"])
def test_member_pages(cohort, wethouder, client_for, rows, name, django_assert_max_num_queries):
    _members(cohort, rows)
    Application.objects.filter(wethouder=wethouder).update(shares_contact=True, contact_details="06")
    for application in Application.objects.filter(track=cohort, state="placed"):
        services.add_entry(cohort, kind="material", title="Artikel", text="Lezen", by=application.wethouder)
        services.add_goal(application, text="Doel", by=application.wethouder)
    client = client_for(cohort.learning_manager)
    with django_assert_max_num_queries(16):
        response = client.get(reverse(f"tracks:{name}", args=[cohort.pk]))
    assert response.status_code == 200
    listed = {"detail": "participants", "group_space": "entries", "goals": "goals", "alumni": "members"}[name]
    assert len(response.context[listed]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_the_talks_page(coordinator, learning_manager, client_for, rows, django_assert_max_num_queries):
    track = TrackFactory(
        kind="year_programme", client_municipality=municipality("Almere"), learning_manager=learning_manager
    )
    for _ in range(rows):
        application = services.add_participant(track, email=UserFactory().email, by=coordinator)
        ManagerTalk.objects.create(application=application, kind="intake", planned_on=track.starts_on)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("tracks:talks", args=[track.pk]))
    assert len(response.context["talks"]) == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_the_wethouder_home_with_applications(wethouder, client_for, rows, django_assert_max_num_queries):
    for _ in range(rows):
        track = TrackFactory()
        ApplicationFactory(track=track)
        ApplicationFactory(track=track, wethouder=wethouder)
    client = client_for(wethouder)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("home"))
    assert [a.position for a in response.context["track_applications"]] == [2] * rows
