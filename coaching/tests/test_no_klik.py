"""No klik is for good: a coach with whom the wethouder had no klik is never proposed to them
again, in this intake or a later one. After the second no-klik the coordinators are told and
the next proposal waits for their look."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from coaching.enums import MatchState
from coaching.models import Match
from coaching.selectors.matching import ranking_for_intake
from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory
from intake.services import withdraw_intake
from intake.tests.factories import ReadyIntakeFactory


def _no_klik(intake, profile, coordinator):
    match = services.approve_ranked_coach(intake, coach_id=profile.user_id, by=coordinator)
    services.accept_match(match, by=profile.user)
    services.plan_kennismaking(
        match, at=timezone.now() + datetime.timedelta(days=2), location="Stadhuis", by=profile.user
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        services.record_klik(match, klik=False, by=intake.wethouder)
        services.record_klik(match, klik=True, by=profile.user)
    return match


def test_a_no_klik_coach_is_never_proposed_in_a_later_intake(wethouder, coordinator):
    first = CoachProfileFactory()
    second = CoachProfileFactory(themes=["media"])
    intake = ReadyIntakeFactory(wethouder=wethouder)
    _no_klik(intake, first, coordinator)
    withdraw_intake(intake, by=wethouder)
    later = ReadyIntakeFactory(wethouder=wethouder)
    ranking = ranking_for_intake(later)
    assert [row["coach"].pk for row in ranking["proposals"]] == [second.user_id]
    excluded = {row["coach"].pk: row for row in ranking["exclusions"]}
    assert first.user_id in excluded
    with pytest.raises(ValidationError):
        services.approve_ranked_coach(later, coach_id=first.user_id, by=coordinator)


def test_another_wethouder_may_still_get_that_coach(wethouder, other_wethouder, coordinator):
    first = CoachProfileFactory()
    _no_klik(ReadyIntakeFactory(wethouder=wethouder), first, coordinator)
    ranking = ranking_for_intake(ReadyIntakeFactory(wethouder=other_wethouder))
    assert first.user_id in [row["coach"].pk for row in ranking["proposals"]]


def test_after_the_second_no_klik_the_coordinators_look_first(
    wethouder, coordinator, django_capture_on_commit_callbacks
):
    first, second, third = CoachProfileFactory(), CoachProfileFactory(), CoachProfileFactory()
    intake = ReadyIntakeFactory(wethouder=wethouder)
    _no_klik(intake, first, coordinator)
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == 1
    Match.objects.filter(state=MatchState.PROPOSED).delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _no_klik(intake, second, coordinator)
    assert not Match.objects.filter(state=MatchState.PROPOSED).exists()
    subjects = {message.subject for message in mail.outbox if coordinator.email in message.to}
    assert any("tweede keer" in subject.lower() for subject in subjects), subjects
    # The coordinator then proposes by hand; neither earlier coach can come back.
    proposal = services.propose_match(intake, by=coordinator)
    assert proposal.coach_id == third.user_id
