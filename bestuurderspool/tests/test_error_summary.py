"""A form that comes back with errors opens with a summary at its top ("Er is een probleem"),
linking to each field with an error and taking the focus, and keeps everything typed."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coaching.tests.factories import KLIK_DAY, trajectory_between
from intake.services import plan_intake_conversation
from intake.tests.factories import CompleteIntakeFactory, SubmittedIntakeFactory


def summary(response) -> tuple[str, list[tuple[str, str]]]:
    """The error summary's heading and its (link target, text) items; exactly one on the page."""
    html = response.content.decode()
    boxes = re.findall(r"<div [^>]*data-error-summary[^>]*>(.*?)</div>", html, re.S)
    assert len(boxes) == 1, html
    opening = re.search(r"<div [^>]*data-error-summary[^>]*>", html).group(0)
    assert 'tabindex="-1"' in opening
    assert "autofocus" in opening
    heading = re.search(r"<h2[^>]*>(.*?)</h2>", boxes[0], re.S).group(1).strip()
    links = [
        (href, " ".join(text.split())) for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', boxes[0], re.S)
    ]
    return heading, links


def test_the_intake_outcome_form_shows_the_summary_linked_to_the_field_and_keeps_the_notes(client, coordinator):
    intake = SubmittedIntakeFactory()
    plan_intake_conversation(
        intake, planned_at=timezone.now(), mode="online", location="Teams", attendees=[coordinator], by=coordinator
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:record_conversation", args=[intake.pk]), {"held_at": "", "notes": "Sterk in de raad."}
    )
    heading, links = summary(response)
    assert heading == "Er is een probleem"
    assert [href for href, _text in links] == ["#id_held_at"]
    assert links[0][1].endswith("Dit veld is verplicht.")
    assert response.context["record_form"].data["notes"] == "Sterk in de raad."


def test_adjusting_the_plan_answers_200_with_the_summary_and_what_was_typed(wethouder, coach, client_for):
    trajectory = trajectory_between(coach, wethouder)
    moment = datetime.datetime.combine(KLIK_DAY + datetime.timedelta(days=1), datetime.time(12), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        response = client_for(wethouder).post(
            reverse("coaching:plan_trajectory", args=[trajectory.pk]),
            {"sessions": "9", "months": "10", "first_session": "2026-03-16"},
        )
    assert response.status_code == 200
    _heading, links = summary(response)
    assert links == [("#id_sessions", "Aantal gesprekken: Een traject heeft tussen 5 en 8 sessies.")]
    assert response.context["plan_form"].data["months"] == "10"
    assert re.search(r"<details[^>]*open", response.content.decode())


def test_a_signup_form_with_errors_has_the_summary_too(client):
    response = client.post(reverse("account_signup"), {"email": "geen-adres", "password1": "", "password2": ""})
    heading, links = summary(response)
    assert heading == "Er is een probleem"
    assert "#id_email" in [href for href, _text in links]


@pytest.mark.parametrize("with_gap", [False, True])
def test_the_check_step_never_shows_an_empty_list_of_missing_answers(client, wethouder, with_gap):
    intake = CompleteIntakeFactory(wethouder=wethouder, **({"portfolio": ""} if with_gap else {}))
    client.force_login(wethouder)
    html = client.get(reverse("intake:step", args=[intake.pk, 6])).content.decode()
    box = re.search(r"Er ontbreken nog verplichte antwoorden:</p>\s*<ul[^>]*>(.*?)</ul>", html, re.S)
    if with_gap:
        assert re.findall(r"<li>.*?>(Stap \d)</a></li>", box.group(1)) == ["Stap 1"]
    else:
        assert box is None
