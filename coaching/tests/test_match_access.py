"""Who sees which match, and what a coach sees of the intake."""

import pytest
from django.urls import reverse

from coaching.models import Match, MatchEvent
from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory, MatchFactory
from intake.tests.factories import ReadyIntakeFactory

MATCH_POSTS = [
    "coaching:accept",
    "coaching:decline",
    "coaching:plan_kennismaking",
    "coaching:answer_klik",
    "coaching:approve_proposal",
]


@pytest.fixture
def approved_match(wethouder, coach, coordinator):
    profile = CoachProfileFactory(user=coach)
    intake = ReadyIntakeFactory(wethouder=wethouder, question="Hoe blijf ik overeind in de raad?")
    from django.utils import timezone

    from intake.models import IntakeConversation

    IntakeConversation.objects.create(
        intake=intake, planned_at=timezone.now(), mode="online", planned_by=coordinator, notes="Vertrouwelijke notitie"
    )
    return services.approve_ranked_coach(intake, coach_id=profile.user_id, by=coordinator)


def snapshot():
    return list(Match.objects.values()), MatchEvent.objects.count()


def test_coach_does_not_see_a_proposal_before_approval(client, wethouder, coach):
    match = MatchFactory(intake=ReadyIntakeFactory(wethouder=wethouder), coach=CoachProfileFactory(user=coach).user)
    client.force_login(coach)
    assert client.get(f"/coaching/matches/{match.pk}/").status_code == 404
    assert list(client.get("/coaching/matches/mijn/").context["matches"]) == []


def test_coach_sees_only_what_the_first_meeting_needs(client, approved_match, coach):
    client.force_login(coach)
    content = client.get(f"/coaching/matches/{approved_match.pk}/").content.decode()
    assert "Hoe blijf ik overeind in de raad?" in content
    assert "Utrecht" in content
    assert "Vertrouwelijke notitie" not in content
    assert "Politieke" not in content
    assert client.get(f"/intake/{approved_match.intake_id}/").status_code == 404


def test_wethouder_sees_the_match_once_the_coach_accepted(client, approved_match, wethouder, coach):
    client.force_login(wethouder)
    assert client.get(f"/coaching/matches/{approved_match.pk}/").status_code == 404
    services.accept_match(approved_match, by=coach)
    assert client.get(f"/coaching/matches/{approved_match.pk}/").context["match"] == approved_match


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder"])
@pytest.mark.parametrize("name", ["coaching:match_detail", *MATCH_POSTS])
def test_someone_elses_match_is_404_and_nothing_is_written(client, db, request, approved_match, persona, name):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    url = reverse(name, args=[approved_match.pk])
    assert client.post(url, {"reason": "x", "klik": "no", "at": "2030-01-01T10:00", "location": "x"}).status_code in (
        404,
        405,
    )
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_coordinator_pages_are_refused_to_others(client, db, request, approved_match, persona):
    client.force_login(request.getfixturevalue(persona))
    intake_id = approved_match.intake_id
    before = snapshot()
    assert client.get(reverse("coaching:proposals", args=[intake_id])).status_code in (403, 404)
    assert client.post(reverse("coaching:approve_ranked", args=[intake_id]), {"coach": 1}).status_code in (403, 404)
    assert client.post(reverse("coaching:choose_coach", args=[intake_id]), {"reason": "x"}).status_code in (403, 404)
    assert client.get(reverse("coaching:matches")).status_code == 403
    assert snapshot() == before


def test_anonymous_is_sent_to_login(client, approved_match):
    for name in ["coaching:match_detail", *MATCH_POSTS]:
        assert client.post(reverse(name, args=[approved_match.pk]))["Location"].startswith("/accounts/login/")


def test_the_other_side_of_the_klik_is_never_shown(client, approved_match, coach, wethouder):
    import datetime

    import time_machine
    from django.utils import timezone

    services.accept_match(approved_match, by=coach)
    services.plan_kennismaking(
        approved_match, at=timezone.now() + datetime.timedelta(hours=1), location="Stadhuis", by=coach
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        services.record_klik(approved_match, klik=False, by=coach)
        client.force_login(wethouder)
        response = client.get(f"/coaching/matches/{approved_match.pk}/")
    assert response.context["own_klik"] is None
    assert "Was er een klik?" in response.content.decode()


def test_proposals_page_shows_ranking_and_reasons(client, coordinator, wethouder, django_assert_max_num_queries):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    good = CoachProfileFactory()
    excluded = CoachProfileFactory(home_municipality=intake.municipality)
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(f"/coaching/voorstellen/{intake.pk}/")
    ranking = response.context["ranking"]
    assert [p["coach"] for p in ranking["proposals"]] == [good.user]
    assert ranking["exclusions"] == [{"coach": excluded.user, "reasons": ["woont in de gemeente van de wethouder"]}]
    sentences = [c["sentence"] for c in ranking["proposals"][0]["criteria"]]
    assert "2 van 2 thema's" in sentences
    assert any(s.startswith("geen voorkeur (woont ") and s.endswith(" km verderop)") for s in sentences)


@pytest.mark.parametrize("n", [1, 40])
def test_proposals_page_query_count_does_not_grow_with_the_pool(
    client, coordinator, wethouder, django_assert_max_num_queries, n
):
    intake = ReadyIntakeFactory(wethouder=wethouder)
    for _ in range(n):
        CoachProfileFactory()
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(f"/coaching/voorstellen/{intake.pk}/")
    assert len(response.context["ranking"]["proposals"]) == min(n, 5)
