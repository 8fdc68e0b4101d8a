import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from coaching.enums import MatchState
from coaching.models import CoachProfile, Match, MatchEvent
from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory, ConflictFactory, FormerRoleFactory, municipality
from intake.enums import IntakeState
from intake.services import withdraw_intake
from intake.tests.factories import ReadyIntakeFactory


@pytest.fixture
def intake(wethouder):
    return ReadyIntakeFactory(wethouder=wethouder)


def approved(intake, coach_profile, coordinator):
    return services.approve_ranked_coach(intake, coach_id=coach_profile.user_id, by=coordinator)


def test_propose_stores_the_best_coach_with_its_explanation(intake, coordinator):
    weak = CoachProfileFactory(themes=["media"])
    strong = CoachProfileFactory()
    match = services.propose_match(intake, by=coordinator)
    assert (match.coach_id, match.state) == (strong.user_id, MatchState.PROPOSED)
    assert sum(c["points"] for c in match.explanation) == pytest.approx(match.score, abs=1e-12)
    assert weak.user_id != match.coach_id


def test_approve_takes_a_place_marks_the_intake_and_asks_the_coach(
    intake, coordinator, django_capture_on_commit_callbacks
):
    profile = CoachProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        match = approved(intake, profile, coordinator)
    profile.refresh_from_db()
    intake.refresh_from_db()
    assert (match.state, profile.active_load, intake.state) == (MatchState.APPROVED, 1, IntakeState.MATCHED)
    assert [m.to for m in mail.outbox] == [[profile.user.email]]
    assert list(MatchEvent.objects.filter(match=match).values_list("action", "by")) == [("approved", coordinator.pk)]


def test_approving_a_stale_proposal_is_refused_with_the_reason(intake, coordinator):
    profile = CoachProfileFactory()
    match = services.propose_match(intake, by=coordinator)
    CoachProfile.objects.filter(pk=profile.pk).update(status="paused")
    with pytest.raises(ValidationError, match="gepauzeerd of niet actief"):
        services.approve_match(match, by=coordinator)
    CoachProfile.objects.filter(pk=profile.pk).update(status="active", active_load=2)
    with pytest.raises(ValidationError, match="geen vrije plek"):
        services.approve_match(match, by=coordinator)
    CoachProfile.objects.filter(pk=profile.pk).update(active_load=0)
    withdraw_intake(intake, by=intake.wethouder)
    match.refresh_from_db()
    assert match.state == MatchState.CANCELLED
    with pytest.raises(ValidationError):
        services.approve_match(match, by=coordinator)


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda p, i: setattr(p, "home_municipality", i.municipality) or p.save(), "own_municipality"),
        (lambda p, i: FormerRoleFactory(coach=p, municipality=i.municipality), "governed_municipality"),
        (lambda p, i: ConflictFactory(coach=p, municipality=i.municipality), "declared_conflict"),
        (lambda p, i: ConflictFactory(coach=p, person_email=i.wethouder.email.upper()), "declared_conflict"),
        (lambda p, i: ConflictFactory(coach=p, person_name=i.wethouder.get_full_name()), "declared_conflict"),
        (lambda p, i: CoachProfile.objects.filter(pk=p.pk).update(status="paused"), "inactive"),
        (lambda p, i: CoachProfile.objects.filter(pk=p.pk).update(active_load=2), "no_capacity"),
    ],
)
def test_each_hard_constraint_excludes_through_the_database(intake, coordinator, setup, code):
    profile = CoachProfileFactory()
    setup(profile, intake)
    from coaching.selectors.matching import ranking_for_intake

    ranking = ranking_for_intake(intake)
    assert ranking["proposals"] == []
    assert [e["coach"] for e in ranking["exclusions"]] == [profile.user]
    with pytest.raises(ValidationError, match="Geen enkele coach"):
        services.propose_match(intake, by=coordinator)


def test_must_wishes_exclude_through_the_database(wethouder, coordinator):
    intake = ReadyIntakeFactory(wethouder=wethouder, wish_gender="male", wish_gender_must=True)
    CoachProfileFactory(gender="female")
    with pytest.raises(ValidationError, match="vereiste gender"):
        services.propose_match(intake, by=coordinator)


def test_choose_by_hand_needs_a_reason_and_may_override_a_must_but_not_a_conflict(wethouder, coordinator):
    intake = ReadyIntakeFactory(wethouder=wethouder, wish_gender="male", wish_gender_must=True)
    profile = CoachProfileFactory(gender="female")
    with pytest.raises(ValidationError, match="Geef aan waarom"):
        services.choose_coach(intake, coach=profile.user, reason=" ", by=coordinator)
    match = services.choose_coach(intake, coach=profile.user, reason="Kent de regio goed", by=coordinator)
    assert (match.state, match.source, match.override_reason) == (
        "approved",
        "override",
        "Kent de regio goed",
    )
    other = ReadyIntakeFactory(wethouder=coordinator.__class__.objects.create_user("x@example.nl", role="wethouder"))
    conflicted = CoachProfileFactory()
    ConflictFactory(coach=conflicted, municipality=other.municipality)
    with pytest.raises(ValidationError, match="belangenconflict"):
        services.choose_coach(other, coach=conflicted.user, reason="Toch", by=coordinator)


def test_decline_frees_the_place_and_proposes_the_next_coach(intake, coordinator):
    first, second = CoachProfileFactory(), CoachProfileFactory(themes=["media"])
    match = approved(intake, first, coordinator)
    with pytest.raises(ValidationError, match="Geef een reden"):
        services.decline_match(match, reason="", by=first.user)
    nxt = services.decline_match(match, reason="Geen tijd", by=first.user)
    first.refresh_from_db()
    intake.refresh_from_db()
    assert (first.active_load, intake.state) == (0, IntakeState.READY_FOR_MATCHING)
    assert (nxt.coach_id, nxt.state) == (second.user_id, MatchState.PROPOSED)


def test_unanswered_request_expires_and_the_next_coach_is_proposed(intake, coordinator):
    first, second = CoachProfileFactory(), CoachProfileFactory(themes=["media"])
    match = approved(intake, first, coordinator)
    assert services.expire_unanswered_matches() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        assert services.expire_unanswered_matches() == 1
        assert services.expire_unanswered_matches() == 0
    match.refresh_from_db()
    assert match.state == MatchState.EXPIRED
    assert Match.objects.get(state=MatchState.PROPOSED).coach_id == second.user_id


def _to_first_meeting(intake, profile, coordinator):
    match = approved(intake, profile, coordinator)
    services.accept_match(match, by=profile.user)
    services.plan_kennismaking(
        match, at=timezone.now() + datetime.timedelta(days=2), location="Stadhuis", by=profile.user
    )
    return match


def test_both_yes_is_a_klik(intake, coordinator):
    profile = CoachProfileFactory()
    match = _to_first_meeting(intake, profile, coordinator)
    with pytest.raises(ValidationError, match="na de kennismaking"):
        services.record_klik(match, klik=True, by=profile.user)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        services.record_klik(match, klik=True, by=profile.user)
        with pytest.raises(ValidationError, match="al geantwoord"):
            services.record_klik(match, klik=False, by=profile.user)
        match = services.record_klik(match, klik=True, by=intake.wethouder)
    assert match.state == MatchState.KLIK


def test_no_klik_proposes_another_coach_and_never_the_rejected_one_again(intake, coordinator):
    first = CoachProfileFactory()
    second = CoachProfileFactory(themes=["media"])
    match = _to_first_meeting(intake, first, coordinator)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        services.record_klik(match, klik=False, by=intake.wethouder)
        services.record_klik(match, klik=True, by=first.user)
    match.refresh_from_db()
    first.refresh_from_db()
    assert (match.state, first.active_load) == (MatchState.NO_KLIK, 0)
    proposal = Match.objects.get(state=MatchState.PROPOSED)
    assert proposal.coach_id == second.user_id
    # With the second coach also rejected, the first never comes back: nobody is eligible.
    services.approve_match(proposal, by=coordinator)
    services.decline_match(proposal, reason="Te ver", by=second.user)
    assert not Match.objects.filter(state=MatchState.PROPOSED).exists()
    with pytest.raises(ValidationError, match="eerder afgewezen"):
        services.propose_match(intake, by=coordinator)


def test_only_the_parties_answer_and_neither_sees_the_other(client, intake, coordinator, other_coach):
    profile = CoachProfileFactory()
    match = _to_first_meeting(intake, profile, coordinator)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        with pytest.raises(ValidationError):
            services.record_klik(match, klik=True, by=other_coach)
        services.record_klik(match, klik=False, by=profile.user)
        client.force_login(intake.wethouder)
        page = client.get(f"/coaching/matches/{match.pk}/").content.decode()
    assert "Was er een klik?" in page
    assert "geen klik" not in page.lower().replace("nee, er was geen klik", "")


def test_withdrawing_the_intake_frees_the_coach(intake, coordinator):
    profile = CoachProfileFactory()
    approved(intake, profile, coordinator)
    withdraw_intake(intake, by=intake.wethouder)
    profile.refresh_from_db()
    assert profile.active_load == 0
    assert Match.objects.get().state == MatchState.CANCELLED


def test_one_active_match_per_wethouder_is_a_database_rule(intake, coordinator):
    from django.db import IntegrityError, transaction

    a, b = CoachProfileFactory(), CoachProfileFactory()
    approved(intake, a, coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(
            intake=intake,
            wethouder=intake.wethouder,
            coach=b.user,
            state="approved",
            proposed_at=timezone.now(),
        )


def test_capacity_is_a_database_rule(coordinator):
    from django.db import IntegrityError, transaction

    profile = CoachProfileFactory(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachProfile.objects.filter(pk=profile.pk).update(active_load=2)


def test_municipality_helper_finds_everyday_names(db):
    assert municipality("Den Bosch").name == "'s-Hertogenbosch"
