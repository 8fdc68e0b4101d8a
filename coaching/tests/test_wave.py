import io

import pytest
from django.core import mail
from django.core.management import call_command

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.enums import MatchState
from coaching.models import CoachProfile, Match, Wave
from coaching.services.wave import approve_wave, compute_wave
from coaching.tests.factories import CoachProfileFactory
from intake.enums import IntakeState
from intake.models import Intake
from intake.tests.factories import ReadyIntakeFactory


def ready(n):
    return [ReadyIntakeFactory(wethouder=UserFactory()) for _ in range(n)]


def test_wave_with_more_intakes_than_places_matches_what_fits_and_lists_the_rest(coordinator):
    ready(5)
    CoachProfileFactory(capacity=2)
    CoachProfileFactory(capacity=1)
    wave = compute_wave(by=coordinator)
    assert (wave.stats["matched"], wave.stats["unmatched"], wave.stats["places"]) == (3, 2, 3)
    assert Match.objects.filter(wave=wave, state=MatchState.PROPOSED).count() == 3
    assert sorted(wave.unmatched.values_list("reason_code", flat=True)) == ["capacity_exhausted"] * 2
    assert mail.outbox == []  # nobody is told before approval


def test_approving_the_wave_respects_capacity_and_marks_intakes(coordinator, django_capture_on_commit_callbacks):
    ready(4)
    coaches = [CoachProfileFactory(capacity=2), CoachProfileFactory(capacity=1)]
    wave = compute_wave(by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = approve_wave(wave, by=coordinator)
    assert (len(outcome["approved"]), outcome["refused"]) == (3, [])
    assert [p.active_load for p in CoachProfile.objects.filter(pk__in=[c.pk for c in coaches]).order_by("pk")] == [2, 1]
    assert Intake.objects.filter(state=IntakeState.MATCHED).count() == 3
    assert len(mail.outbox) == 3
    wave.refresh_from_db()
    assert wave.status == Wave.Status.APPROVED


def test_a_proposal_that_became_invalid_is_refused_and_the_rest_approved(coordinator):
    ready(2)
    first, second = CoachProfileFactory(capacity=1), CoachProfileFactory(capacity=1)
    wave = compute_wave(by=coordinator)
    CoachProfile.objects.filter(pk=first.pk).update(status="paused")
    outcome = approve_wave(wave, by=coordinator)
    assert [m.coach_id for m in outcome["approved"]] == [second.user_id]
    assert [m.coach_id for m, _reason in outcome["refused"]] == [first.user_id]
    assert "gepauzeerd" in outcome["refused"][0][1]


def test_intake_without_eligible_coach_is_listed_with_the_reason(coordinator):
    (intake,) = ready(1)
    CoachProfileFactory(home_municipality=intake.municipality)
    wave = compute_wave(by=coordinator)
    assert list(wave.unmatched.values_list("reason_code", "params")) == [
        ("no_eligible_coach", {"excluded": {"own_municipality": 1}})
    ]


def test_match_wave_command_prints_the_summary_and_can_approve(coordinator):
    ready(2)
    CoachProfileFactory(capacity=1)
    out = io.StringIO()
    call_command("match_wave", "--approve", "--as", coordinator.email, stdout=out)
    text = out.getvalue()
    assert "2 intakes, 1 free places with 1 coaches; 1 matched, 1 unmatched" in text
    assert "Approved 1; refused 0." in text
    assert Match.objects.filter(state=MatchState.APPROVED).count() == 1


def test_wave_page_for_coordinators_only(client, coordinator, coach, wethouder):
    ready(1)
    CoachProfileFactory()
    for user in (coach, wethouder):
        client.force_login(user)
        assert client.post("/coaching/golf/berekenen/").status_code == 403
    assert Wave.objects.count() == 0
    client.force_login(coordinator)
    client.post("/coaching/golf/berekenen/")
    page = client.get("/coaching/golf/")
    assert len(page.context["proposals"]) == 1


@pytest.mark.parametrize("n", [1, 30])
def test_wave_page_query_count_does_not_grow(client, coordinator, django_assert_max_num_queries, n):
    ready(n)
    for _ in range(n):
        CoachProfileFactory(capacity=1)
    compute_wave(by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get("/coaching/golf/")
    assert len(response.context["proposals"]) == n


def test_the_wave_preview_pages_its_proposals_and_counts_the_unmatched_beyond_fifty(client, coordinator):
    ready(53)
    for _ in range(51):
        CoachProfileFactory(capacity=1)
    wave = compute_wave(by=coordinator)
    client.force_login(coordinator)
    first = client.get("/coaching/golf/")
    assert (len(first.context["proposals"]), first.context["page"].paginator.count) == (50, 51)
    assert len(first.context["unmatched"]) == 2
    second = client.get("/coaching/golf/", {"page": 2})
    assert len(second.context["proposals"]) == 1
    shown = {m.pk for m in first.context["proposals"]} | {m.pk for m in second.context["proposals"]}
    assert shown == set(wave.matches.values_list("pk", flat=True))
