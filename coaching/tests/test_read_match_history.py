"""Coordinators read the history of an intake's matches (every MatchEvent: what, who, when) on
the proposals page and on the intake page; nobody else sees it."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory
from intake.tests.factories import ReadyIntakeFactory

MOMENT = datetime.datetime(2026, 5, 4, 9, 30, tzinfo=datetime.UTC)


def pages(intake) -> list[str]:
    return [f"/coaching/voorstellen/{intake.pk}/", f"/intake/{intake.pk}/coordinatie/"]


@pytest.fixture
def declined_then_accepted(wethouder, coach, other_coach, coordinator):
    """Carla declines ("Te druk dit voorjaar"); Dirk, chosen by Eva, accepts."""
    CoachProfileFactory(user=coach)
    CoachProfileFactory(user=other_coach)
    intake = ReadyIntakeFactory(wethouder=wethouder)
    with time_machine.travel(MOMENT, tick=False):
        first = services.approve_ranked_coach(intake, coach_id=coach.pk, by=coordinator)
        services.decline_match(first, reason="Te druk dit voorjaar", by=coach)
    with time_machine.travel(MOMENT + datetime.timedelta(hours=1), tick=False):
        intake.refresh_from_db()
        second = services.choose_coach(intake, coach=other_coach, reason="Kent de gemeente", by=coordinator)
        services.accept_match(second, by=other_coach)
    return intake


def history(response) -> list[tuple[str, str, str, str | None]]:
    return [
        (timezone.localtime(e.at).strftime("%H:%M"), e.match.coach.first_name, e.action_label, e.by and e.by.first_name)
        for e in response.context["match_events"]
    ]


def test_match_history_on_the_proposals_and_intake_pages(client, coordinator, declined_then_accepted):
    client.force_login(coordinator)
    for url in pages(declined_then_accepted):
        response = client.get(url)
        content = response.content.decode()
        assert history(response) == [
            ("11:30", "Carla", "Goedgekeurd; de coach wordt gevraagd", "Eva"),
            ("11:30", "Carla", "Afgewezen door de coach", "Carla"),
            ("11:30", "Dirk", "Voorgesteld", None),
            ("12:30", "Dirk", "Voorstel vervangen door een ander", "Eva"),
            ("12:30", "Dirk", "Door een coördinator gekozen in plaats van de ranglijst", "Eva"),
            ("12:30", "Dirk", "Goedgekeurd; de coach wordt gevraagd", "Eva"),
            ("12:30", "Dirk", "Geaccepteerd door de coach", "Dirk"),
        ]
        assert "4 mei 2026, 11:30" in content
        assert "“Te druk dit voorjaar”" in content
        assert "door Eva" in content


def test_match_history_says_when_the_portal_acted(client, coordinator, wethouder, coach):
    CoachProfileFactory(user=coach)
    intake = ReadyIntakeFactory(wethouder=wethouder)
    services.propose_match(intake, by=None)
    client.force_login(coordinator)
    content = client.get(pages(intake)[0]).content.decode()
    assert "Voorgesteld" in content
    assert "door het portaal" in content


def test_match_history_of_another_intake_is_not_shown(client, coordinator, declined_then_accepted, other_wethouder):
    other = ReadyIntakeFactory(wethouder=other_wethouder)
    client.force_login(coordinator)
    response = client.get(pages(other)[0])
    assert list(response.context["match_events"]) == []
    assert "Nog geen match." in response.content.decode()
    assert "Te druk dit voorjaar" not in response.content.decode()


@pytest.mark.parametrize("persona", ["wethouder", "coach", "other_coach", "other_wethouder"])
def test_match_history_is_for_coordinators_only(client, request, db, declined_then_accepted, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in pages(declined_then_accepted):
        assert client.get(url).status_code in (403, 404)


def test_match_history_not_on_the_coachs_match_page(client, declined_then_accepted, other_coach):
    client.force_login(other_coach)
    match = declined_then_accepted.matches.get(coach=other_coach, state="accepted")
    response = client.get(f"/coaching/matches/{match.pk}/")
    assert response.status_code == 200
    assert "Te druk dit voorjaar" not in response.content.decode()
    assert 'data-testid="match-history"' not in response.content.decode()


def test_match_history_anonymous_is_sent_to_login(client, declined_then_accepted):
    for url in pages(declined_then_accepted):
        assert client.get(url)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("rounds", [1, 4])
def test_match_history_query_count_does_not_grow(client, coordinator, wethouder, rounds, django_assert_max_num_queries):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    for _ in range(rounds):
        match = services.choose_coach(intake, coach=CoachProfileFactory().user, reason="Demo", by=coordinator)
        services.decline_match(match, reason="Geen tijd", by=match.coach)
        intake.refresh_from_db()
    client.force_login(coordinator)
    for url in pages(intake):
        with django_assert_max_num_queries(20 if "voorstellen" in url else 22):
            response = client.get(url)
        assert len(response.context["match_events"]) >= 2 * rounds
