"""The observation as a shared analysis: the wethouder answers the coach's report with their
own reflection; both tag moments with roles and themes; the tags add up per trajectory."""

import datetime

import pytest
from django.urls import reverse

from coaching.services.trajectories import log_observation
from instruments import selectors, services
from instruments.models import MomentTag, ObservationReflection

from .conftest import on_day

OBSERVED = "Opende sterk, maar liet zich bij de motie overrompelen"


@pytest.fixture
def observed(trajectory, coach):
    observation = trajectory.appointments.get(kind="observation")
    with on_day(observation.on + datetime.timedelta(days=1)):
        log_observation(
            observation,
            held_at=datetime.datetime.combine(observation.on, datetime.time(20), tzinfo=datetime.UTC),
            minutes=120,
            observed=OBSERVED,
            feedback="",
            by=coach,
        )
    observation.refresh_from_db()
    return observation


def test_the_wethouder_reflects_beside_the_report(observed, wethouder, client_for):
    client = client_for(wethouder)
    url = reverse("instruments:reflect", args=[observed.pk])
    assert client.post(url, {"text": "Ik had meer tijd moeten nemen"}).status_code == 302
    page = client.get(reverse("instruments:observation", args=[observed.pk])).content.decode()
    assert OBSERVED in page
    assert "Ik had meer tijd moeten nemen" in page


def test_the_coach_reads_the_reflection_but_does_not_write_it(observed, wethouder, coach, client_for):
    services.reflect_on_observation(observed, text="Mijn kijk", by=wethouder)
    client = client_for(coach)
    assert "Mijn kijk" in client.get(reverse("instruments:observation", args=[observed.pk])).content.decode()
    assert client.post(reverse("instruments:reflect", args=[observed.pk]), {"text": "Overschreven"}).status_code == 403
    assert ObservationReflection.objects.get().text == "Mijn kijk"


def test_both_tag_moments_and_the_analysis_adds_them_up(observed, wethouder, coach, client_for):
    url = reverse("instruments:tag", args=[observed.pk])
    client_for(coach).post(url, {"moment": "Antwoord op de motie", "role": "directing", "theme": "council"})
    client_for(wethouder).post(url, {"moment": "Slotwoord", "role": "directing", "theme": ""})
    client_for(wethouder).post(url, {"moment": "Interruptie", "role": "partner", "theme": "council"})
    analysis = selectors.style_analysis(observed.trajectory)
    assert analysis["observations"] == 1
    assert [count for _label, count in analysis["roles"]] == [2, 1]
    assert [count for _label, count in analysis["themes"]] == [2]
    page = client_for(coach).get(reverse("instruments:overview", args=[observed.trajectory_id])).content.decode()
    assert "directing" not in page  # the label, never the key


def test_a_tag_needs_a_role_or_a_theme(observed, coach, client_for):
    response = client_for(coach).post(
        reverse("instruments:tag", args=[observed.pk]), {"moment": "Iets", "role": "", "theme": ""}
    )
    assert response.status_code == 200
    assert "role" in response.context["tag_form"].errors
    assert response.context["tag_form"]["moment"].value() == "Iets"
    assert not MomentTag.objects.exists()


def test_a_tag_is_removed_only_by_who_placed_it(observed, wethouder, coach, client_for):
    tag = services.tag_moment(observed, moment="Slotwoord", role="symbolic", theme="", by=coach)
    client_for(wethouder).post(reverse("instruments:remove_tag", args=[tag.pk]))
    assert MomentTag.objects.filter(pk=tag.pk).exists()
    client_for(coach).post(reverse("instruments:remove_tag", args=[tag.pk]))
    assert not MomentTag.objects.exists()


def test_an_observation_not_yet_held_cannot_be_answered(trajectory, wethouder, client_for, early):
    observation = trajectory.appointments.get(kind="observation")
    client = client_for(wethouder)
    assert (
        'data-testid="not-held"'
        in client.get(reverse("instruments:observation", args=[observation.pk])).content.decode()
    )
    assert client.post(reverse("instruments:reflect", args=[observation.pk]), {"text": "Te vroeg"}).status_code == 200
    assert not ObservationReflection.objects.exists()


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder", "coordinator", "superuser"])
def test_nobody_else_reaches_the_observation(observed, wethouder, persona, request, client_for):
    tag = services.tag_moment(observed, moment="Slotwoord", role="symbolic", theme="", by=wethouder)
    services.reflect_on_observation(observed, text="Van mij", by=wethouder)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("instruments:observation", args=[observed.pk])).status_code == 404
    assert client.post(reverse("instruments:reflect", args=[observed.pk]), {"text": "x"}).status_code == 404
    assert (
        client.post(reverse("instruments:tag", args=[observed.pk]), {"moment": "x", "role": "partner"}).status_code
        == 404
    )
    assert client.post(reverse("instruments:remove_tag", args=[tag.pk])).status_code == 404
    assert ObservationReflection.objects.get().text == "Van mij"
    assert MomentTag.objects.count() == 1


def test_after_a_switch_of_coach_the_old_analysis_is_read_not_changed(
    observed, wethouder, coach, coordinator, client_for
):
    """As the map and the goals: once the trajectory has ended (here: the wethouder got another
    coach) neither side adds, changes or removes a reflection or a tagged moment."""
    from coaching.services.trajectories import switch_coach

    tag = services.tag_moment(observed, moment="Slotwoord", role="symbolic", theme="", by=coach)
    switch_coach(observed.trajectory, reason="Geen vertrouwen meer", by=coordinator)
    response = client_for(coach).post(
        reverse("instruments:tag", args=[observed.pk]), {"moment": "Nog eentje", "role": "partner", "theme": ""}
    )
    assert response.status_code == 200
    assert response.context["tag_form"]["moment"].value() == "Nog eentje"
    client_for(coach).post(reverse("instruments:remove_tag", args=[tag.pk]))
    response = client_for(wethouder).post(reverse("instruments:reflect", args=[observed.pk]), {"text": "Te laat"})
    assert response.status_code == 200
    assert list(MomentTag.objects.values_list("moment", flat=True)) == ["Slotwoord"]
    assert not ObservationReflection.objects.exists()
    page = client_for(coach).get(reverse("instruments:observation", args=[observed.pk]))
    assert page.status_code == 200
    assert "Slotwoord" in page.content.decode()
    assert "/verwijderen/" not in page.content.decode()  # no remove button
