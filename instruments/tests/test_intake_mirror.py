"""The leadership mirror is taken three times: with the intake, at the interim evaluation and at
the closing conversation. The intake's reading is the wethouder's own, never the coordinators'."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.tests.factories import trajectory_between
from instruments import mirror, selectors, services
from instruments.models import IntakeMirror
from intake.tests.factories import IntakeFactory, SubmittedIntakeFactory

from .conftest import appointment_day, on_day

ANSWERS = dict.fromkeys(mirror.KEYS, 3)


def test_the_wethouder_takes_the_mirror_with_the_intake(wethouder, client_for):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client = client_for(wethouder)
    assert 'data-testid="intake-mirror-card"' in client.get(reverse("intake:detail", args=[intake.pk])).content.decode()
    response = client.post(reverse("instruments:intake_mirror", args=[intake.pk]), {**ANSWERS, "ease_partner": 2})
    assert response.status_code == 302
    assert IntakeMirror.objects.get(intake=intake).scores["ease_partner"] == 2


def test_a_missing_answer_is_marked_and_nothing_is_stored(wethouder, client_for):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    answers = {key: value for key, value in ANSWERS.items() if key != "colour_blue"}
    response = client_for(wethouder).post(reverse("instruments:intake_mirror", args=[intake.pk]), answers)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["colour_blue"]
    assert not IntakeMirror.objects.exists()


@pytest.mark.parametrize("persona", ["other_wethouder", "coach", "coordinator", "superuser"])
def test_nobody_else_reaches_the_intake_mirror(wethouder, persona, request, client_for):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    services.take_intake_mirror(intake, scores=ANSWERS, by=wethouder)
    client = client_for(request.getfixturevalue(persona))
    url = reverse("instruments:intake_mirror", args=[intake.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {**ANSWERS, "ease_partner": 1}).status_code == 404
    assert IntakeMirror.objects.get().scores == ANSWERS


def test_the_coordinators_intake_page_does_not_show_it(wethouder, coordinator, client_for):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    services.take_intake_mirror(intake, scores=ANSWERS, by=wethouder)
    page = client_for(coordinator).get(reverse("intake:coordinator_detail", args=[intake.pk])).content.decode()
    assert "intake-mirror" not in page
    assert "Leiderschapsspiegel" not in page


def test_the_intake_reading_is_the_trajectory_s_first_and_change_is_shown(coach, wethouder, client_for):
    trajectory = trajectory_between(coach, wethouder)
    IntakeMirror.objects.create(
        intake=trajectory.match.intake, scores={**ANSWERS, "ease_partner": 2}, taken_at=trajectory.created_at
    )
    with on_day(trajectory.klik_on):
        assert "start" not in selectors.open_moments(trajectory)  # taken with the intake
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        services.take_mirror(trajectory, moment="interim", scores={**ANSWERS, "ease_partner": 4}, by=wethouder)
        page = client_for(wethouder).get(reverse("instruments:mirror", args=[trajectory.pk]))
    ease = next(group for group in page.context["groups"] if group["key"] == "ease")
    partner = next(entry["row"] for entry in ease["rows"] if entry["row"].item.key == "ease_partner")
    assert (partner.values, partner.change) == ((2, 4, None), 2)


def test_once_the_trajectory_started_the_intake_reading_stays(coach, wethouder):
    trajectory = trajectory_between(coach, wethouder)
    with pytest.raises(ValidationError) as refused:
        services.take_intake_mirror(trajectory.match.intake, scores=ANSWERS, by=wethouder)
    assert refused.value.code == "started"


def test_the_intake_s_self_reflection_step_leads_to_the_mirror_and_back(wethouder, client_for):
    """Step 3 of the intake (self-reflection) offers the mirror's scales: saving the step takes the
    wethouder to the mirror, nothing typed lost, and saving the mirror continues with step 4."""
    intake = IntakeFactory(wethouder=wethouder)
    client = client_for(wethouder)
    step = client.get(reverse("intake:step", args=[intake.pk, 3])).content.decode()
    assert 'name="mirror"' in step
    response = client.post(reverse("intake:step", args=[intake.pk, 3]), {"hardest_role": "partner", "mirror": ""})
    mirror_url = reverse("instruments:intake_mirror", args=[intake.pk]) + "?terug=stap"
    assert (response.status_code, response.url) == (302, mirror_url)
    intake.refresh_from_db()
    assert intake.hardest_role == "partner"
    response = client.post(mirror_url, ANSWERS)
    assert (response.status_code, response.url) == (302, reverse("intake:step", args=[intake.pk, 4]))
    assert IntakeMirror.objects.get(intake=intake).scores == ANSWERS
    assert reverse("intake:step", args=[intake.pk, 3]) in client.get(mirror_url).content.decode()
