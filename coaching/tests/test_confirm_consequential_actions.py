"""Consequential actions ask first: the first POST changes nothing and answers a page saying what
will happen and who will be told, carrying what was typed; only the confirmed POST acts."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coaching.enums import MatchState, TrajectoryState
from coaching.models import CalendarFeed, Match, Trajectory
from coaching.services import matches as match_services
from coaching.services.trajectories import renew_calendar_feed
from coaching.services.wave import compute_wave
from coaching.tests.factories import KLIK_DAY, CoachProfileFactory, trajectory_between
from intake.tests.factories import ReadyIntakeFactory

TZ = datetime.UTC


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), tzinfo=TZ), tick=False)


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder)


def carried(response) -> dict:
    """The hidden fields of the confirmation form (what the confirmed POST sends again)."""
    html = response.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken")
    return fields


def confirm_page(response) -> tuple[list, list]:
    assert response.templates[0].name == "confirm.html"
    confirmation = response.context["confirmation"]
    return [str(line) for line in confirmation.happens], [str(line) for line in confirmation.told]


def test_ending_a_trajectory_asks_first_then_ends_it(trajectory, coach, wethouder, client_for):
    client = client_for(coach)
    url = reverse("coaching:end_trajectory", args=[trajectory.pk])
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        first = client.post(url, {"outcome": "stopped", "reason": "Verhuisd"})
        happens, told = confirm_page(first)
        trajectory.refresh_from_db()
        assert trajectory.state == TrajectoryState.ACTIVE
        assert happens[0] == "Het traject stopt voortijdig. Reden: Verhuisd"
        assert told == [f"{coach} en {wethouder} krijgen een e-mail."]
        assert carried(first) == {"outcome": "stopped", "reason": "Verhuisd"}
        assert "Ja, stop het traject" in first.content.decode()
        second = client.post(url, {**carried(first), "confirmed": "yes"})
    assert second.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.state, trajectory.end_reason) == (TrajectoryState.STOPPED, "Verhuisd")


def test_stopping_without_a_reason_is_refused_before_the_confirmation(trajectory, coach, client_for):
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        response = client_for(coach).post(
            reverse("coaching:end_trajectory", args=[trajectory.pk]), {"outcome": "stopped", "reason": ""}
        )
    assert response.templates[0].name == "coaching/trajectory_detail.html"
    assert response.context["end_form"].errors["reason"] == ["Zeg waarom het traject voortijdig stopt."]


def test_switching_coach_asks_first_and_says_the_coach_and_wethouder_get_no_mail(
    trajectory, coach, wethouder, coordinator, client_for
):
    CoachProfileFactory()
    client = client_for(coordinator)
    url = reverse("coaching:switch_coach", args=[trajectory.pk])
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        first = client.post(url, {"reason": "Andere aanpak nodig"})
        _happens, told = confirm_page(first)
        assert Trajectory.objects.get(pk=trajectory.pk).state == TrajectoryState.ACTIVE
        assert told == [
            "De coördinatoren krijgen een e-mail.",
            f"{coach} en {wethouder} krijgen geen e-mail: laat het hun zelf weten.",
        ]
        second = client.post(url, {**carried(first), "confirmed": "yes"})
    assert second["Location"] == reverse("coaching:proposals", args=[trajectory.match.intake_id])
    assert Trajectory.objects.get(pk=trajectory.pk).state == TrajectoryState.SWITCHED


def test_making_the_plan_again_asks_first_with_the_new_dates(trajectory, wethouder, client_for):
    client = client_for(wethouder)
    url = reverse("coaching:plan_trajectory", args=[trajectory.pk])
    before = list(trajectory.appointments.values_list("pk", "on"))
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        first = client.post(url, {"sessions": "7", "months": "10", "first_session": "2026-03-16"})
        happens, _told = confirm_page(first)
        assert list(trajectory.appointments.values_list("pk", "on")) == before
        assert happens[1].startswith("7 sessies over 10 maanden: de eerste op 16 maart 2026")
        second = client.post(url, {**carried(first), "confirmed": "yes"})
    assert second.status_code == 302
    assert trajectory.appointments.filter(kind="session").count() == 7


def test_approving_a_proposal_asks_first_and_names_the_coach_who_is_mailed(
    wethouder, coordinator, client_for, django_capture_on_commit_callbacks
):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    CoachProfileFactory()
    match = match_services.propose_match(intake, by=coordinator)
    client = client_for(coordinator)
    url = reverse("coaching:approve_proposal", args=[match.pk])
    first = client.post(url)
    _happens, told = confirm_page(first)
    assert Match.objects.get(pk=match.pk).state == MatchState.PROPOSED
    assert told == [
        f"{match.coach} krijgt een e-mail met het verzoek om te accepteren.",
        f"{wethouder} hoort van ons zodra de coach heeft geaccepteerd.",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirmed": "yes"})
    assert Match.objects.get(pk=match.pk).state == MatchState.APPROVED
    assert [m.to for m in mail.outbox] == [[match.coach.email]]


def test_approving_a_ranked_coach_asks_first(wethouder, coordinator, client_for):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    profile = CoachProfileFactory()
    client = client_for(coordinator)
    url = reverse("coaching:approve_ranked", args=[intake.pk])
    first = client.post(url, {"coach": profile.user_id})
    confirm_page(first)
    assert carried(first) == {"coach": str(profile.user_id)}
    assert not Match.objects.filter(intake=intake).exists()
    client.post(url, {**carried(first), "confirmed": "yes"})
    assert Match.objects.get(intake=intake).state == MatchState.APPROVED


def test_choosing_another_coach_asks_first_with_the_reason(wethouder, coordinator, client_for):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    profile = CoachProfileFactory()
    client = client_for(coordinator)
    url = reverse("coaching:choose_coach", args=[intake.pk])
    first = client.post(url, {"coach": profile.user_id, "reason": "Kent de regio"})
    happens, _told = confirm_page(first)
    assert "Uw reden: Kent de regio" in happens
    assert not Match.objects.filter(intake=intake).exists()
    client.post(url, {**carried(first), "confirmed": "yes"})
    assert Match.objects.get(intake=intake).coach_id == profile.user_id


def test_approving_a_wave_asks_first_and_lists_every_match(coordinator, client_for):
    for _ in range(2):
        ReadyIntakeFactory()
    CoachProfileFactory(capacity=2)
    wave = compute_wave(by=coordinator)
    client = client_for(coordinator)
    url = reverse("coaching:wave_approve", args=[wave.pk])
    first = client.post(url)
    happens, _told = confirm_page(first)
    assert first.context["confirmation"].title == "2 matches goedkeuren?"
    assert len(happens) == 3
    assert Match.objects.filter(wave=wave, state=MatchState.APPROVED).count() == 0
    client.post(url, {"confirmed": "yes"})
    assert Match.objects.filter(wave=wave, state=MatchState.APPROVED).count() == 2


def test_declining_asks_first_and_says_the_wethouder_never_sees_the_reason(wethouder, coach, coordinator, client_for):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    CoachProfileFactory(user=coach)
    match = match_services.approve_ranked_coach(intake, coach_id=coach.pk, by=coordinator)
    client = client_for(coach)
    url = reverse("coaching:decline", args=[match.pk])
    first = client.post(url, {"reason": "Te druk"})
    _happens, told = confirm_page(first)
    assert told[1] == "De wethouder krijgt geen e-mail en ziet uw reden nooit."
    assert Match.objects.get(pk=match.pk).state == MatchState.APPROVED
    client.post(url, {**carried(first), "confirmed": "yes"})
    assert Match.objects.get(pk=match.pk).state == MatchState.DECLINED


def test_stopping_the_calendar_address_asks_first(coach, client_for):
    renew_calendar_feed(coach)
    client = client_for(coach)
    url = reverse("coaching:calendar_settings")
    first = client.post(url, {"action": "revoke"})
    _happens, told = confirm_page(first)
    assert told == []
    assert "Niemand krijgt een bericht." in first.content.decode()
    assert CalendarFeed.objects.filter(user=coach).exists()
    client.post(url, {"action": "revoke", "confirmed": "yes"})
    assert not CalendarFeed.objects.filter(user=coach).exists()


def test_the_first_calendar_address_needs_no_confirmation(coach, client_for):
    client_for(coach).post(reverse("coaching:calendar_settings"), {"action": "renew"})
    assert CalendarFeed.objects.filter(user=coach).exists()


@pytest.mark.parametrize("persona", ["other_coach", "wethouder", "other_wethouder", None])
def test_someone_elses_trajectory_gets_no_confirmation_and_nothing_changes(
    request, db, trajectory, persona, client_for
):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    for name, data in [
        ("coaching:end_trajectory", {"outcome": "completed", "reason": ""}),
        ("coaching:switch_coach", {"reason": "x"}),
    ]:
        response = client.post(reverse(name, args=[trajectory.pk]), data)
        assert response.status_code in (302, 403, 404)
        assert "confirmation" not in (response.context or {})
    assert Trajectory.objects.get(pk=trajectory.pk).state == TrajectoryState.ACTIVE
