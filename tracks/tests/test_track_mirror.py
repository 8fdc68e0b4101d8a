"""The leadership mirror in a group track: the participant's own, at the start and the close."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from instruments import mirror
from tracks.models import TrackMirror

ANSWERS = dict.fromkeys(mirror.KEYS, 3)


def test_a_participant_takes_the_mirror_at_the_start_and_the_close(cohort, wethouder, client_for):
    client = client_for(wethouder)
    assert (
        client.post(
            reverse("tracks:take_mirror", args=[cohort.pk, "start"]), {**ANSWERS, "ease_partner": 2}
        ).status_code
        == 302
    )
    assert client.post(reverse("tracks:take_mirror", args=[cohort.pk, "eind"]), ANSWERS).status_code == 200
    end = datetime.datetime.combine(cohort.ends_on, datetime.time(12), tzinfo=datetime.UTC)
    with time_machine.travel(end, tick=False):
        client = client_for(wethouder)  # months later: a new session (the old one timed out)
        assert (
            client.post(
                reverse("tracks:take_mirror", args=[cohort.pk, "eind"]), {**ANSWERS, "ease_partner": 4}
            ).status_code
            == 302
        )
        page = client.get(reverse("tracks:mirror", args=[cohort.pk]))
    ease = next(group for group in page.context["groups"] if group["key"] == "ease")
    partner = next(entry["row"] for entry in ease["rows"] if entry["row"].item.key == "ease_partner")
    assert (partner.values, partner.change) == ((2, None, 4), 2)


def test_a_missing_answer_is_marked(cohort, wethouder, client_for):
    answers = {key: value for key, value in ANSWERS.items() if key != "colour_green"}
    response = client_for(wethouder).post(reverse("tracks:take_mirror", args=[cohort.pk, "start"]), answers)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["colour_green"]
    assert not TrackMirror.objects.exists()


@pytest.mark.parametrize("persona", ["learning_manager", "coordinator", "superuser", "other_wethouder", "other_coach"])
def test_nobody_else_takes_or_reads_it(cohort, wethouder, persona, request, client_for):
    client_for(wethouder).post(reverse("tracks:take_mirror", args=[cohort.pk, "start"]), ANSWERS)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("tracks:mirror", args=[cohort.pk])).status_code in (403, 404)
    response = client.post(reverse("tracks:take_mirror", args=[cohort.pk, "start"]), {**ANSWERS, "ease_partner": 1})
    assert response.status_code in (403, 404)
    assert TrackMirror.objects.get().scores == ANSWERS
