"""Learning goals: two to four, scored by the wethouder on a goal attainment scale at the
interim evaluation and at the close."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from instruments import services
from instruments.models import GoalScore, LearningGoal

from .conftest import appointment_day, on_day


def _goals(trajectory, by, count):
    return [services.add_goal(trajectory, text=f"Doel {n}", by=by) for n in range(1, count + 1)]


def test_coach_and_wethouder_add_goals_up_to_four(trajectory, coach, wethouder, client_for, early):
    client_for(coach).post(
        reverse("instruments:add_goal", args=[trajectory.pk]), {"text": "Rustig blijven in het debat"}
    )
    _goals(trajectory, wethouder, 3)
    response = client_for(wethouder).post(reverse("instruments:add_goal", args=[trajectory.pk]), {"text": "Vijfde"})
    assert response.status_code == 200
    assert "hoogstens vier" in response.content.decode() or "at most four" in response.content.decode()
    assert response.context["goal_form"]["text"].value() == "Vijfde"
    assert LearningGoal.objects.filter(trajectory=trajectory).count() == 4


def test_an_empty_goal_is_refused_on_the_field(trajectory, coach, client_for, early):
    response = client_for(coach).post(reverse("instruments:add_goal", args=[trajectory.pk]), {"text": "  "})
    assert response.status_code == 200
    assert "text" in response.context["goal_form"].errors
    assert not LearningGoal.objects.exists()


def test_scoring_opens_at_the_interim_evaluation(trajectory, wethouder, client_for, early):
    goals = _goals(trajectory, wethouder, 2)
    url = reverse("instruments:score_goals", args=[trajectory.pk, "tussentijds"])
    data = {f"score_{g.pk}": "1" for g in goals} | {f"comment_{g.pk}": "Gaat beter" for g in goals}
    response = client_for(wethouder).post(url, data)
    assert response.status_code == 200
    assert not GoalScore.objects.exists()
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        response = client_for(wethouder).post(url, data)
    assert response.status_code == 302
    assert sorted(GoalScore.objects.values_list("moment", "score", "comment")) == [("interim", 1, "Gaat beter")] * 2


def test_scored_goals_are_frozen(trajectory, wethouder, coach):
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        goals = _goals(trajectory, coach, 2)
        services.score_goals(trajectory, moment="interim", scores={g.pk: (0, "") for g in goals}, by=wethouder)
        with pytest.raises(ValidationError):
            services.change_goal(goals[0], text="Anders", by=coach)
        with pytest.raises(ValidationError):
            services.add_goal(trajectory, text="Nog een", by=coach)


def test_only_the_wethouder_scores_and_only_within_the_scale(trajectory, wethouder, coach, client_for):
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        goals = _goals(trajectory, coach, 2)
        url = reverse("instruments:score_goals", args=[trajectory.pk, "tussentijds"])
        assert client_for(coach).get(url).status_code == 403
        with pytest.raises(ValidationError):
            services.score_goals(trajectory, moment="interim", scores={g.pk: (3, "") for g in goals}, by=wethouder)
        response = client_for(wethouder).post(url, {f"score_{g.pk}": "5" for g in goals})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not GoalScore.objects.exists()


def test_one_goal_is_not_enough_to_score(trajectory, wethouder):
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        (goal,) = _goals(trajectory, wethouder, 1)
        with pytest.raises(ValidationError):
            services.score_goals(trajectory, moment="interim", scores={goal.pk: (0, "")}, by=wethouder)


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder", "coordinator", "superuser"])
def test_nobody_else_reads_or_writes_goals(trajectory, wethouder, persona, request, client_for, early):
    (goal,) = _goals(trajectory, wethouder, 1)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("instruments:overview", args=[trajectory.pk])).status_code == 404
    assert client.get(reverse("instruments:edit_goal", args=[goal.pk])).status_code == 404
    assert client.post(reverse("instruments:add_goal", args=[trajectory.pk]), {"text": "x"}).status_code == 404
    assert client.post(reverse("instruments:edit_goal", args=[goal.pk]), {"remove": "1"}).status_code == 404
    url = reverse("instruments:score_goals", args=[trajectory.pk, "tussentijds"])
    assert client.post(url, {f"score_{goal.pk}": "1"}).status_code == 404
    assert list(LearningGoal.objects.values_list("text", flat=True)) == ["Doel 1"]


@pytest.mark.parametrize("count", [1, 4])
def test_the_overview_takes_a_fixed_number_of_queries(
    trajectory, wethouder, count, client_for, django_assert_max_num_queries, early
):
    _goals(trajectory, wethouder, count)
    client = client_for(wethouder)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("instruments:overview", args=[trajectory.pk]))
    assert len(page.context["goals"]) == count
