"""Personal learning goals per participant, an evaluation per session and at the end; the
coordinators see the scales as averages, never the comments or the goals."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tracks.models import Evaluation, ParticipantGoal

AFTER_FIRST_SESSION = datetime.datetime(2027, 1, 15, 15, tzinfo=datetime.UTC)
LAST_MONTH = datetime.datetime(2027, 9, 15, 12, tzinfo=datetime.UTC)


def test_a_participant_adds_up_to_four_goals_and_the_learning_manager_reads_them(cohort, wethouder, coach, client_for):
    url = reverse("tracks:goals", args=[cohort.pk])
    client = client_for(wethouder)
    for n in range(1, 5):
        client.post(url, {"text": f"Doel {n}"})
    response = client.post(url, {"text": "Vijfde"})
    assert response.context["form"].non_field_errors() == ["U kunt hoogstens vier leerdoelen hebben."]
    assert response.context["form"]["text"].value() == "Vijfde"
    manager_view = client_for(coach).get(url)
    assert [g.text for g in manager_view.context["goals"]] == ["Doel 1", "Doel 2", "Doel 3", "Doel 4"]
    assert manager_view.context["form"] is None


def test_an_empty_goal_is_refused_on_the_field(cohort, wethouder, client_for):
    response = client_for(wethouder).post(reverse("tracks:goals", args=[cohort.pk]), {"text": ""})
    assert response.context["form"].errors["text"] == ["Dit veld is verplicht."]
    assert not ParticipantGoal.objects.exists()


def test_the_learning_manager_adds_no_goals(cohort, coach, client_for):
    assert client_for(coach).post(reverse("tracks:goals", args=[cohort.pk]), {"text": "x"}).status_code == 403
    assert not ParticipantGoal.objects.exists()


def test_a_session_is_evaluated_once_after_it_started(cohort, wethouder, coordinator, client_for):
    session = cohort.sessions.get()
    url = reverse("tracks:evaluate_session", args=[session.pk])
    data = {"value": "4", "safety": "5", "comment": "Spannend"}
    response = client_for(wethouder).post(url, data)
    assert response.context["form"].non_field_errors() == ["Een sessie kan worden geëvalueerd zodra die begonnen is."]
    with time_machine.travel(AFTER_FIRST_SESSION, tick=False):
        assert client_for(wethouder).post(url, data).url == reverse("tracks:detail", args=[cohort.pk])
        again = client_for(wethouder).post(url, data)
        assert again.context["form"].non_field_errors() == ["U heeft deze evaluatie al ingevuld."]
        page = client_for(coordinator).get(reverse("tracks:detail", args=[cohort.pk]))
    assert list(Evaluation.objects.values_list("value", "safety", "comment")) == [(4, 5, "Spannend")]
    (row,) = page.context["sessions"]
    assert (row.scales["value"], row.scales["safety"], row.scales["count"]) == (4, 5, 1)
    assert "Spannend" not in page.content.decode()


def test_a_scale_outside_1_to_5_is_refused_on_the_field(cohort, wethouder, client_for):
    with time_machine.travel(AFTER_FIRST_SESSION, tick=False):
        url = reverse("tracks:evaluate_session", args=[cohort.sessions.get().pk])
        response = client_for(wethouder).post(url, {"value": "6", "safety": "3", "comment": "Bewaard"})
    assert "value" in response.context["form"].errors
    assert response.context["form"]["comment"].value() == "Bewaard"
    assert not Evaluation.objects.exists()


def test_the_closing_evaluation_opens_in_the_last_month(cohort, wethouder, coordinator, client_for):
    url = reverse("tracks:evaluate_track", args=[cohort.pk])
    data = {"value": "5", "safety": "4"}
    response = client_for(wethouder).post(url, data)
    assert response.context["form"].non_field_errors() == [
        "De eindevaluatie opent in de laatste maand van het traject."
    ]
    with time_machine.travel(LAST_MONTH, tick=False):
        client_for(wethouder).post(url, data)
        page = client_for(coordinator).get(reverse("tracks:detail", args=[cohort.pk]))
    assert page.context["closing_scales"]["count"] == 1


@pytest.mark.parametrize("persona", ["coach", "coordinator", "other_wethouder", "other_coach", None])
def test_only_participants_evaluate(db, persona, cohort, client_for, request):
    user = request.getfixturevalue(persona) if persona else None
    expected = {None: 302, "coach": 403, "coordinator": 403, "other_wethouder": 404, "other_coach": 404}[persona]
    with time_machine.travel(LAST_MONTH, tick=False):
        client = client_for(user)
        statuses = {
            client.post(reverse("tracks:evaluate_track", args=[cohort.pk]), {"value": "5", "safety": "5"}).status_code,
            client.post(
                reverse("tracks:evaluate_session", args=[cohort.sessions.get().pk]), {"value": "5", "safety": "5"}
            ).status_code,
            client.post(reverse("tracks:goals", args=[cohort.pk]), {"text": "x"}).status_code,
        }
    assert statuses == {expected}
    assert not Evaluation.objects.exists()
    assert not ParticipantGoal.objects.exists()
