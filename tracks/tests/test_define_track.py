"""Coordinators define BLOT cohorts and year programmes with their sessions and U-process phases."""

import datetime

import pytest
from django.urls import reverse

from coaching.tests.factories import municipality
from tracks.models import PhaseDates, Track, TrackSession

from .factories import TrackFactory, TrackSessionFactory

BLOT = {
    "kind": "blot",
    "name": "BLOT 2027",
    "starts_on": "2027-01-14",
    "ends_on": "2027-10-01",
    "capacity": "12",
    "province_cap": "2",
    "guest_colleagues": "Jan Jansen, oud-burgemeester",
}


def test_coordinator_defines_a_blot_cohort(coordinator, coach, client_for):
    response = client_for(coordinator).post(reverse("tracks:create"), BLOT | {"learning_manager": coach.pk})
    track = Track.objects.get()
    assert response.url == reverse("tracks:detail", args=[track.pk])
    assert (track.kind, track.learning_manager, track.capacity, track.client_municipality) == ("blot", coach, 12, None)


def test_a_year_programme_needs_its_client_municipality(coordinator, client_for):
    data = BLOT | {
        "kind": "year_programme",
        "name": "Leiderschap in het publiek domein",
        "learning_manager": coordinator.pk,
    }
    response = client_for(coordinator).post(reverse("tracks:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["client_municipality"] == [
        "Een jaarprogramma heeft een opdrachtgevende gemeente."
    ]
    assert response.context["form"]["name"].value() == "Leiderschap in het publiek domein"
    almere = municipality("Almere")
    client_for(coordinator).post(reverse("tracks:create"), data | {"client_municipality": almere.pk})
    assert Track.objects.get().client_municipality == almere


def test_an_end_before_the_start_is_refused_on_the_field(coordinator, client_for):
    data = BLOT | {"ends_on": "2026-01-01", "learning_manager": coordinator.pk}
    response = client_for(coordinator).post(reverse("tracks:create"), data)
    assert response.context["form"].errors["ends_on"] == ["Het einde ligt voor het begin."]
    assert not Track.objects.exists()


def test_a_wethouder_cannot_be_learning_manager(coordinator, wethouder, client_for):
    response = client_for(coordinator).post(reverse("tracks:create"), BLOT | {"learning_manager": wethouder.pk})
    assert "learning_manager" in response.context["form"].errors
    assert not Track.objects.exists()


def test_a_24_hour_session_spans_the_night(coordinator, track, client_for):
    data = {
        "title": "Eerste 24-uurssessie",
        "starts_at": "2027-01-14T14:00",
        "ends_at": "2027-01-15T14:00",
        "venue": "Driebergen",
        "programme": "Kennismaking, casus, diner",
    }
    client_for(coordinator).post(reverse("tracks:session_create", args=[track.pk]), data)
    session = TrackSession.objects.get()
    assert (session.track, session.spans_night, session.ends_at - session.starts_at) == (
        track,
        True,
        datetime.timedelta(hours=24),
    )


def test_a_session_ending_before_it_starts_is_refused(coordinator, track, client_for):
    data = {"title": "Sessie", "starts_at": "2027-01-14T14:00", "ends_at": "2027-01-14T10:00"}
    response = client_for(coordinator).post(reverse("tracks:session_create", args=[track.pk]), data)
    assert response.context["form"].errors["ends_at"] == ["Het einde ligt voor het begin."]
    assert response.context["form"]["title"].value() == "Sessie"
    assert not TrackSession.objects.exists()


def test_coordinator_changes_a_session(coordinator, track, client_for):
    session = TrackSessionFactory(track=track)
    data = {"title": "Tweede sessie", "starts_at": "2027-03-04T14:00", "ends_at": "2027-03-05T14:00", "venue": "Zeist"}
    client_for(coordinator).post(reverse("tracks:session_edit", args=[session.pk]), data)
    session.refresh_from_db()
    assert (session.title, session.venue, session.sequence) == ("Tweede sessie", "Zeist", 1)


OUTSIDE = "Kies een datum binnen de periode van het traject, 14 januari 2027 tot 1 oktober 2027."


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [("2027-01-13T14:00", "2027-01-14T14:00"), ("2027-10-01T14:00", "2027-10-02T14:00")],
)
def test_a_session_outside_the_period_is_refused_on_the_field(coordinator, track, client_for, starts_at, ends_at):
    data = {"title": "Buiten de periode", "starts_at": starts_at, "ends_at": ends_at, "venue": "Zeist"}
    response = client_for(coordinator).post(reverse("tracks:session_create", args=[track.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [OUTSIDE]
    assert response.context["form"]["title"].value() == "Buiten de periode"
    assert not TrackSession.objects.exists()


def test_a_session_cannot_be_moved_outside_the_period(coordinator, track, client_for):
    session = TrackSessionFactory(track=track)
    data = {"title": "Verzet", "starts_at": "2027-11-04T14:00", "ends_at": "2027-11-05T14:00", "venue": "Zeist"}
    response = client_for(coordinator).post(reverse("tracks:session_edit", args=[session.pk]), data)
    assert response.context["form"].errors["starts_at"] == [OUTSIDE]
    session.refresh_from_db()
    assert (session.title, session.sequence) == ("Eerste 24-uurssessie", 0)


def test_the_period_cannot_shrink_past_a_planned_session(coordinator, track, client_for):
    TrackSessionFactory(track=track)
    data = BLOT | {"starts_on": "2027-02-01", "learning_manager": track.learning_manager.pk}
    response = client_for(coordinator).post(reverse("tracks:edit", args=[track.pk]), data)
    assert response.context["form"].errors["starts_on"] == [
        "“Eerste 24-uurssessie” ligt buiten deze periode: verplaats dat eerst."
    ]
    track.refresh_from_db()
    assert track.starts_on == datetime.date(2027, 1, 14)


def test_a_phase_outside_the_period_is_refused(coordinator, client_for):
    track = TrackFactory(
        kind="year_programme", client_municipality=municipality("Almere"), learning_manager=coordinator
    )
    url = reverse("tracks:phase_set", args=[track.pk])
    response = client_for(coordinator).post(
        url, {"phase": "co_sensing", "starts_on": "2027-09-01", "ends_on": "2027-12-31"}
    )
    assert response.context["phase_form"].errors["starts_on"] == [OUTSIDE]
    assert not PhaseDates.objects.exists()


def test_year_programme_phases(coordinator, client_for):
    track = TrackFactory(
        kind="year_programme", client_municipality=municipality("Almere"), learning_manager=coordinator
    )
    url = reverse("tracks:phase_set", args=[track.pk])
    client_for(coordinator).post(url, {"phase": "co_sensing", "starts_on": "2027-02-01", "ends_on": "2027-04-30"})
    response = client_for(coordinator).post(
        url, {"phase": "presencing", "starts_on": "2027-06-01", "ends_on": "2027-05-01"}
    )
    assert response.context["phase_form"].errors["ends_on"] == ["Het einde ligt voor het begin."]
    assert list(PhaseDates.objects.values_list("phase", "starts_on")) == [("co_sensing", datetime.date(2027, 2, 1))]


def test_a_blot_has_no_phases(coordinator, track, client_for):
    url = reverse("tracks:phase_set", args=[track.pk])
    response = client_for(coordinator).post(
        url, {"phase": "co_sensing", "starts_on": "2027-02-01", "ends_on": "2027-04-30"}
    )
    assert response.context["phase_form"].non_field_errors() == [
        "Alleen een jaarprogramma volgt de fasen van het U-proces."
    ]
    assert not PhaseDates.objects.exists()


@pytest.mark.parametrize("persona", ["wethouder", "coach", None])
@pytest.mark.parametrize("name", ["create", "edit", "session_create"])
def test_only_coordinators_define_tracks(db, persona, name, track, client_for, request):
    user = request.getfixturevalue(persona) if persona else None
    args = [] if name == "create" else [track.pk]
    response = client_for(user).post(reverse(f"tracks:{name}", args=args), BLOT | {"title": "x"})
    expected = {None: 302, "wethouder": 403 if name == "create" else 404, "coach": 403}[persona]
    assert response.status_code == expected
    assert Track.objects.count() == 1
    assert not TrackSession.objects.exists()


def test_the_learning_manager_sees_but_does_not_edit(coach, track, client_for):
    assert client_for(coach).get(reverse("tracks:detail", args=[track.pk])).context["track"] == track
    assert client_for(coach).get(reverse("tracks:edit", args=[track.pk])).status_code == 403


def test_someone_elses_track_is_a_404(other_coach, wethouder, track, client_for):
    for user in (other_coach, wethouder):
        assert client_for(user).get(reverse("tracks:detail", args=[track.pk])).status_code == 404
    session = TrackSessionFactory(track=track)
    response = client_for(other_coach).post(reverse("tracks:session_edit", args=[session.pk]), {"title": "x"})
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.title == "Eerste 24-uurssessie"


@pytest.mark.parametrize("rows", [1, 6])
def test_the_track_list_in_a_fixed_number_of_queries(coordinator, client_for, rows, django_assert_max_num_queries):
    TrackFactory.create_batch(rows, learning_manager=coordinator)
    client = client_for(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("tracks:list"))
    assert len(response.context["tracks"]) == rows


def test_the_learning_manager_finds_the_track_on_their_home(coach, track, other_coach, client_for):
    assert client_for(coach).get(reverse("home")).context["led_tracks"] == [track]
    assert client_for(other_coach).get(reverse("home")).context["led_tracks"] == []
