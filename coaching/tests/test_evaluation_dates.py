"""Evaluations open on their date, in the service itself (not only on the page): the interim one
from the interim conversation's date, the closing one from the closing conversation's date or
once the trajectory ended."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from coaching.models import Evaluation
from coaching.services import trajectories as services
from coaching.tests.factories import trajectory_between

ANSWERS = {"usefulness": 4, "klik": 4, "change": 3, "what_changed": "", "share_with_coach": False}


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder)


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC), tick=False)


def date_of(trajectory, kind):
    return trajectory.appointments.get(kind=kind).on


@pytest.mark.parametrize(
    ("kind", "appointment_kind"), [("interim", "interim_evaluation"), ("final", "final_evaluation")]
)
def test_an_evaluation_before_its_date_is_refused_by_the_service(trajectory, wethouder, kind, appointment_kind):
    day = date_of(trajectory, appointment_kind)
    with at(day - datetime.timedelta(days=1)), pytest.raises(ValidationError) as refused:
        services.submit_evaluation(trajectory, kind=kind, by=wethouder, **ANSWERS)
    assert refused.value.code == "not_yet"
    assert refused.value.messages == [f"Deze evaluatie opent op {date_format(day, 'j F Y')}."]
    assert Evaluation.objects.count() == 0
    with at(day):
        services.submit_evaluation(trajectory, kind=kind, by=wethouder, **ANSWERS)
    assert list(Evaluation.objects.values_list("kind", flat=True)) == [kind]


def test_the_closing_evaluation_opens_when_the_trajectory_ends_early(trajectory, coach, wethouder):
    day = date_of(trajectory, "interim_evaluation") - datetime.timedelta(days=10)
    with at(day):
        services.end_trajectory(trajectory, outcome="stopped", reason="verhuisd", by=coach)
        services.submit_evaluation(trajectory, kind="final", by=wethouder, **ANSWERS)
        with pytest.raises(ValidationError):
            services.submit_evaluation(trajectory, kind="interim", by=wethouder, **ANSWERS)
    assert list(Evaluation.objects.values_list("kind", flat=True)) == ["final"]


def test_the_view_shows_the_refusal_on_the_form_and_keeps_what_was_typed(trajectory, wethouder, client):
    with at(date_of(trajectory, "final_evaluation") - datetime.timedelta(days=30)):
        client.force_login(wethouder)
        url = reverse("coaching:evaluate", args=[trajectory.pk, "final"])
        response = client.post(url, {"usefulness": "4", "klik": "4", "change": "3", "what_changed": "Iets"})
    assert response.status_code == 400
    assert response.context["form"].data["what_changed"] == "Iets"
    assert "opent op" in response.content.decode()
    assert Evaluation.objects.count() == 0
