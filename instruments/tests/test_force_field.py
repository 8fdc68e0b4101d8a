"""The krachtenveld: coach and wethouder map the actors around the chair, in versions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from instruments import services
from instruments.models import Actor, ForceFieldVersion

ACTOR = {"kind": "faction", "name": "Fractie Lokaal Belang", "influence": 4, "stance": -1, "relationship": "strained"}


def _post_actor(client, trajectory, **changes):
    return client.post(reverse("instruments:force_field", args=[trajectory.pk]), {**ACTOR, "note": "", **changes})


def test_coach_and_wethouder_build_one_map_together(trajectory, coach, wethouder, client_for, early):
    assert _post_actor(client_for(coach), trajectory).status_code == 302
    assert (
        _post_actor(client_for(wethouder), trajectory, name="Burgemeester", kind="mayor", stance=2).status_code == 302
    )
    version = ForceFieldVersion.objects.get(trajectory=trajectory)
    assert version.number == 1
    assert sorted(a.name for a in version.actors.all()) == ["Burgemeester", "Fractie Lokaal Belang"]
    page = client_for(wethouder).get(reverse("instruments:force_field", args=[trajectory.pk]))
    text = page.content.decode()
    assert 'data-testid="map"' in text
    assert "Fractie Lokaal Belang" in text
    assert "Burgemeester" in text


def test_a_bad_actor_keeps_what_was_typed_and_says_what_is_wrong(trajectory, coach, client_for, early):
    response = _post_actor(client_for(coach), trajectory, influence="9", name="Pers")
    assert response.status_code == 200
    form = response.context["form"]
    assert "influence" in form.errors
    assert form["name"].value() == "Pers"
    assert not Actor.objects.exists()


def test_a_new_version_starts_as_a_copy_and_the_old_one_is_kept(trajectory, coach, wethouder, client_for, early):
    actor = services.add_actor(trajectory, by=coach, note="", **ACTOR)
    client = client_for(wethouder)
    client.post(reverse("instruments:new_version", args=[trajectory.pk]))
    _first, second = ForceFieldVersion.objects.filter(trajectory=trajectory).order_by("number")
    copy = second.actors.get()
    client.post(reverse("instruments:edit_actor", args=[copy.pk]), {**ACTOR, "stance": 1, "relationship": "good"})
    actor.refresh_from_db()
    assert (actor.stance, actor.relationship) == (-1, "strained")
    assert second.actors.get().stance == 1
    with pytest.raises(ValidationError):
        services.change_actor(actor, by=coach, **{**ACTOR, "note": ""})
    url = reverse("instruments:force_field", args=[trajectory.pk]) + "?versie=2&vergelijk=1"
    page = client.get(url)
    (row,) = page.context["changes"]
    assert (row["before"].stance, row["after"].stance) == (-1, 1)
    assert 'data-testid="map-compared"' in page.content.decode()


def test_a_new_version_needs_actors(trajectory, coach, client_for, early):
    client_for(coach).post(reverse("instruments:new_version", args=[trajectory.pk]))
    assert not ForceFieldVersion.objects.exists()


def test_an_ended_trajectory_keeps_its_map_read_only(trajectory, coach, client_for, early):
    from coaching.services.trajectories import end_trajectory

    services.add_actor(trajectory, by=coach, note="", **ACTOR)
    end_trajectory(trajectory, outcome="completed", reason="", by=coach)
    response = _post_actor(client_for(coach), trajectory, name="Pers")
    assert response.status_code == 200
    assert Actor.objects.count() == 1
    assert response.context["editable"] is False


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder", "coordinator", "superuser"])
def test_nobody_else_reaches_the_map(trajectory, coach, persona, request, client_for, early):
    actor = services.add_actor(trajectory, by=coach, note="Let op", **ACTOR)
    client = client_for(request.getfixturevalue(persona))
    for url in (
        reverse("instruments:force_field", args=[trajectory.pk]),
        reverse("instruments:edit_actor", args=[actor.pk]),
    ):
        assert client.get(url).status_code == 404
    assert _post_actor(client, trajectory, name="Ingebroken").status_code == 404
    assert client.post(reverse("instruments:edit_actor", args=[actor.pk]), {"remove": "1"}).status_code == 404
    assert client.post(reverse("instruments:new_version", args=[trajectory.pk])).status_code == 404
    assert list(Actor.objects.values_list("name", flat=True)) == [ACTOR["name"]]


def test_anonymous_is_sent_to_sign_in(trajectory, client_for):
    response = client_for(None).get(reverse("instruments:force_field", args=[trajectory.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("actors", [1, 12])
def test_the_map_page_takes_a_fixed_number_of_queries(
    trajectory, coach, actors, client_for, django_assert_max_num_queries, early
):
    for number in range(actors):
        services.add_actor(trajectory, by=coach, note="", **{**ACTOR, "name": f"Actor {number}"})
    services.start_new_version(trajectory, by=coach)
    client = client_for(coach)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("instruments:force_field", args=[trajectory.pk]) + "?vergelijk=1")
    assert len(page.context["map"].actors) == actors
