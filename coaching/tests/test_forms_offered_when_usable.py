"""A form is offered only when it can be used; before that the page says what can be done now
and when the rest opens."""

import datetime

import time_machine
from django.urls import reverse

from coaching.services import matches as match_services
from coaching.services import trajectories as services
from coaching.tests.factories import KLIK_DAY, CoachProfileFactory, hold_session, trajectory_between
from intake.tests.factories import ReadyIntakeFactory

TZ = datetime.UTC


def at(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


def planned_match(wethouder, coach, coordinator, meeting):
    CoachProfileFactory(user=coach)
    match = match_services.approve_ranked_coach(
        ReadyIntakeFactory(wethouder=wethouder), coach_id=coach.pk, by=coordinator
    )
    match_services.accept_match(match, by=coach)
    return match_services.plan_kennismaking(match, at=meeting, location="Stadhuis", by=coach)


def test_the_klik_question_waits_for_the_first_meeting_and_says_when_it_opens(
    wethouder, coach, coordinator, client_for
):
    meeting = datetime.datetime(2026, 5, 20, 8, tzinfo=TZ)  # 10:00 in Amsterdam
    with at(meeting - datetime.timedelta(days=3)):
        match = planned_match(wethouder, coach, coordinator, meeting)
        for user in (coach, wethouder):
            html = client_for(user).get(reverse("coaching:match_detail", args=[match.pk])).content.decode()
            assert 'name="klik"' not in html
            assert "U kunt deze vraag beantwoorden na de kennismaking op 20 mei 2026 om 10:00." in html
    with at(meeting + datetime.timedelta(hours=2)):
        html = client_for(coach).get(reverse("coaching:match_detail", args=[match.pk])).content.decode()
        assert 'name="klik"' in html
        assert "U kunt deze vraag beantwoorden na de kennismaking" not in html


def test_the_plan_form_gives_way_to_a_sentence_once_the_first_session_is_held(coach, wethouder, client_for):
    trajectory = trajectory_between(coach, wethouder)
    url = reverse("coaching:trajectory_detail", args=[trajectory.pk])
    plan_url = reverse("coaching:plan_trajectory", args=[trajectory.pk])
    with at(datetime.datetime.combine(KLIK_DAY, datetime.time(12), tzinfo=TZ)):
        assert plan_url in client_for(coach).get(url).content.decode()
    first = trajectory.appointments.filter(kind="session").order_by("on").first()
    with at(datetime.datetime.combine(first.on, datetime.time(15), tzinfo=TZ)):
        hold_session(first, by=coach)
        for user in (coach, wethouder):
            response = client_for(user).get(url)
            html = response.content.decode()
            assert plan_url not in html
            assert response.context["plan_fixed_on"] == first.on
            assert "Het plan ligt vast sinds de eerste afspraak" in html
        assert "stelt u voor die te verzetten (uw coach antwoordt)" in html


def test_an_ended_trajectory_does_not_say_it_is_on_track(coach, wethouder, client_for):
    trajectory = trajectory_between(coach, wethouder)
    with at(datetime.datetime(2026, 4, 1, 12, tzinfo=TZ)):
        services.end_trajectory(trajectory, outcome="stopped", reason="Verhuisd", by=coach)
        response = client_for(wethouder).get(reverse("coaching:trajectory_detail", args=[trajectory.pk]))
    pace = response.content.decode().split('data-testid="pace">')[1].split("</p>")[0]
    assert "Op schema" not in pace
    assert " ".join(pace.split()) == (
        "Dit traject is beëindigd op 1 april 2026 (voortijdig gestopt); er worden geen gesprekken meer gepland."
    )
