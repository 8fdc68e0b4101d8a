"""The wethouder's wishes lead: they propose extra appointments (the coach agrees), ask for a
longer trajectory (the coach agrees), and ask the coordinators for another coach with a reason
the coach never reads."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.enums import AppointmentStatus
from coaching.models import CoachChangeRequest, ExtensionRequest
from coaching.services import requests as services
from coaching.services import trajectories as trajectory_services
from coaching.tests.factories import KLIK_DAY, trajectory_between

TODAY = datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC)


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_wethouder_proposes_an_extra_session_and_the_coach_agrees(
    trajectory, coach, wethouder, client_for, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(wethouder).post(
            reverse("coaching:propose_extra", args=[trajectory.pk]), {"kind": "session", "on": "2026-05-20"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[coach.email]]
    extra = trajectory.appointments.get(extra=True)
    client_for(wethouder).post(reverse("coaching:answer_extra", args=[extra.pk]), {"agree": "yes"})
    extra.refresh_from_db()
    assert extra.status == AppointmentStatus.PROPOSED  # the proposer does not agree with themself
    page = client_for(coach).get(reverse("coaching:trajectory_detail", args=[trajectory.pk])).content.decode()
    assert reverse("coaching:answer_extra", args=[extra.pk]) in page
    client_for(coach).post(reverse("coaching:answer_extra", args=[extra.pk]), {"agree": "yes"})
    extra.refresh_from_db()
    assert extra.status == AppointmentStatus.PLANNED


def test_a_longer_trajectory_is_asked_and_the_coach_agrees(
    trajectory, coach, wethouder, client_for, today, django_capture_on_commit_callbacks
):
    sessions_before = trajectory.appointments.filter(kind="session").count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(wethouder).post(
            reverse("coaching:request_extension", args=[trajectory.pk]), {"months": "12", "sessions": "8"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[coach.email]]
    page = client_for(coach).get(reverse("coaching:trajectory_detail", args=[trajectory.pk]))
    assert 'data-testid="extension-request"' in page.content.decode()
    client_for(coach).post(reverse("coaching:answer_extension", args=[trajectory.pk]), {"agree": "yes"})
    trajectory.refresh_from_db()
    assert (trajectory.planned_months, trajectory.planned_sessions) == (12, 8)
    assert trajectory.ends_on == datetime.date(2027, 3, 2)
    sessions = list(trajectory.appointments.filter(kind="session").order_by("on").values_list("on", flat=True))
    assert len(sessions) == sessions_before + 2
    assert sessions[-1] <= trajectory.ends_on
    assert trajectory.appointments.get(kind="final_evaluation").on == trajectory.ends_on


def test_more_sessions_in_the_same_months_are_spread_over_the_time_left(trajectory, coach, wethouder, today):
    """The plan's last session is on the last day: two more sessions without more months fall
    in the widest gaps between today and the end, never on a day that already has a session."""
    before = set(trajectory.appointments.filter(kind="session").values_list("on", flat=True))
    extension = services.request_extension(trajectory, months=trajectory.planned_months, sessions=8, by=wethouder)
    services.answer_extension(extension, agree=True, by=coach)
    trajectory.refresh_from_db()
    sessions = list(trajectory.appointments.filter(kind="session").values_list("on", flat=True))
    added = sorted(set(sessions) - before)
    assert len(sessions) == len(set(sessions)) == 8, sorted(sessions)
    assert len(added) == 2
    assert all(TODAY.date() < day < trajectory.ends_on for day in added), added


def test_a_request_outside_the_bounds_says_why_and_keeps_the_input(trajectory, wethouder, client_for, today):
    response = client_for(wethouder).post(
        reverse("coaching:request_extension", args=[trajectory.pk]), {"months": "14", "sessions": "8"}
    )
    assert response.status_code == 200
    form = response.context["extension_form"]
    assert "months" in form.errors
    assert form["sessions"].value() == "8"
    assert not ExtensionRequest.objects.exists()


def test_only_the_coach_answers_and_only_the_wethouder_asks(trajectory, coach, wethouder, client_for, today):
    assert (
        client_for(coach)
        .post(reverse("coaching:request_extension", args=[trajectory.pk]), {"months": "12", "sessions": "8"})
        .status_code
        == 403
    )
    request = services.request_extension(trajectory, months=10, sessions=6, by=wethouder)
    assert (
        client_for(wethouder)
        .post(reverse("coaching:answer_extension", args=[trajectory.pk]), {"agree": "yes"})
        .status_code
        == 403
    )
    with pytest.raises(ValidationError):
        services.request_extension(trajectory, months=11, sessions=6, by=wethouder)
    request.refresh_from_db()
    assert request.agreed is None


def test_the_coach_declines_and_nothing_changes(trajectory, coach, wethouder, today):
    request = services.request_extension(trajectory, months=12, sessions=6, by=wethouder)
    services.answer_extension(request, agree=False, by=coach)
    trajectory.refresh_from_db()
    assert (trajectory.planned_months, trajectory.ends_on) == (9, datetime.date(2026, 12, 2))


def test_another_coach_is_asked_with_a_reason_only_coordinators_read(
    trajectory, coach, wethouder, coordinator, client_for, today, django_capture_on_commit_callbacks
):
    reason = "Ik voel me niet gehoord in de gesprekken"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(wethouder).post(
            reverse("coaching:request_other_coach", args=[trajectory.pk]), {"reason": reason}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert reason not in mail.outbox[0].body
    url = reverse("coaching:trajectory_detail", args=[trajectory.pk])
    assert reason in client_for(coordinator).get(url).content.decode()
    coach_page = client_for(coach).get(url).content.decode()
    assert reason not in coach_page
    assert 'data-testid="coach-change-request"' not in coach_page
    assert 'data-testid="coach-change-request"' in client_for(wethouder).get(url).content.decode()
    trajectory_services.switch_coach(trajectory, reason="Op verzoek van de wethouder", by=coordinator)
    assert CoachChangeRequest.objects.get().handled_by == coordinator


def test_a_coordinator_closes_the_request_without_switching(
    trajectory, wethouder, coordinator, coach, client_for, today
):
    services.request_other_coach(trajectory, reason="Twijfel", by=wethouder)
    url = reverse("coaching:close_coach_change_request", args=[trajectory.pk])
    assert client_for(coach).post(url).status_code == 403
    assert client_for(wethouder).post(url).status_code == 403
    assert client_for(coordinator).post(url).status_code == 302
    assert CoachChangeRequest.objects.get().handled_at is not None


def test_an_empty_reason_is_refused_on_the_field(trajectory, wethouder, client_for, today):
    response = client_for(wethouder).post(
        reverse("coaching:request_other_coach", args=[trajectory.pk]), {"reason": " "}
    )
    assert response.status_code == 200
    assert "reason" in response.context["other_coach_form"].errors
    assert not CoachChangeRequest.objects.exists()


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder"])
def test_nobody_else_asks_or_answers(trajectory, wethouder, persona, request, client_for, today):
    services.request_extension(trajectory, months=12, sessions=6, by=wethouder)
    client = client_for(request.getfixturevalue(persona))
    for name, data in (
        ("request_extension", {"months": "12", "sessions": "8"}),
        ("answer_extension", {"agree": "yes"}),
        ("request_other_coach", {"reason": "x"}),
        ("close_coach_change_request", {}),
    ):
        assert client.post(reverse(f"coaching:{name}", args=[trajectory.pk]), data).status_code == 404
    assert ExtensionRequest.objects.get().agreed is None
    assert not CoachChangeRequest.objects.exists()


def test_the_reason_is_encrypted_at_rest(trajectory, wethouder, today):
    from django.db import connection

    services.request_other_coach(trajectory, reason="Kanarie-reden-andere-coach", by=wethouder)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM coaching_coachchangerequest")
        (stored,) = cursor.fetchone()
    assert "Kanarie" not in stored
    assert TODAY.date() > KLIK_DAY
