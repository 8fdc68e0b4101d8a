"""Starting, planning, changing and ending a trajectory: the services and their forms."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.enums import AppointmentStatus, MatchState, TrajectoryState
from coaching.models import Appointment, CoachProfile, Match, Trajectory
from coaching.services import matches as match_services
from coaching.services import trajectories as services
from coaching.tests.factories import KLIK_DAY, CoachProfileFactory, hold_session, trajectory_between
from intake.enums import IntakeState

TZ = datetime.UTC


def at(day: datetime.date, hour: int = 12):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ), tick=False)


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder, observation_settings=("council",))


def test_both_saying_klik_starts_the_trajectory_with_the_default_plan(coach, wethouder, coordinator):
    CoachProfileFactory(user=coach)
    from intake.tests.factories import ReadyIntakeFactory

    intake = ReadyIntakeFactory(wethouder=wethouder, wants_observation=True, observation_settings=["committee"])
    with at(KLIK_DAY - datetime.timedelta(days=10)):
        match = match_services.approve_ranked_coach(intake, coach_id=coach.pk, by=coordinator)
        match_services.accept_match(match, by=coach)
        match_services.plan_kennismaking(
            match, at=datetime.datetime(2026, 2, 25, 10, tzinfo=TZ), location="x", by=coach
        )
    with at(KLIK_DAY):
        match_services.record_klik(match, klik=True, by=coach)
        match_services.record_klik(match, klik=True, by=wethouder)
    trajectory = Trajectory.objects.get(match=match)
    kinds = list(trajectory.appointments.values_list("kind", flat=True))
    assert (trajectory.klik_on, trajectory.planned_sessions, trajectory.planned_months) == (KLIK_DAY, 6, 9)
    assert sorted(kinds) == sorted(["session"] * 6 + ["observation", "interim_evaluation", "final_evaluation"])
    assert trajectory.appointments.get(kind="observation").setting == "committee"


def test_plan_adjusts_sessions_and_months_and_keeps_observations(trajectory, wethouder):
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        services.plan_trajectory(
            trajectory, sessions=8, months=12, first_session=datetime.date(2026, 3, 9), by=wethouder
        )
    trajectory.refresh_from_db()
    sessions = list(trajectory.appointments.filter(kind="session").values_list("on", flat=True))
    assert (trajectory.planned_sessions, trajectory.planned_months, len(sessions)) == (8, 12, 8)
    assert sessions[0] == datetime.date(2026, 3, 9)
    assert trajectory.ends_on == datetime.date(2027, 3, 2)
    assert list(trajectory.appointments.filter(kind="observation").values_list("setting", flat=True)) == ["council"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"sessions": "4"}, "sessions", "tussen 5 en 8 sessies"),
        ({"sessions": "9"}, "sessions", "tussen 5 en 8 sessies"),
        ({"months": "13"}, "months", "tussen 6 en 12 maanden"),
        ({"first_session": "2026-03-01"}, "first_session", "vóór de klik (2 maart 2026)"),
    ],
)
def test_a_plan_out_of_bounds_says_why_on_the_form_and_keeps_the_input(
    trajectory, coach, client_for, data, field, message
):
    before = list(trajectory.appointments.values_list("pk", "on"))
    post = {"sessions": "6", "months": "9", "first_session": "2026-03-16", **data}
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        response = client_for(coach).post(reverse("coaching:plan_trajectory", args=[trajectory.pk]), post)
    assert response.status_code == 200
    assert response.templates[0].name == "coaching/trajectory_detail.html"
    form = response.context["plan_form"]
    assert message in " ".join(form.errors[field])
    assert form.data[field] == post[field]
    assert list(trajectory.appointments.values_list("pk", "on")) == before


def test_the_plan_is_fixed_once_a_session_is_held(trajectory, coach):
    first = trajectory.appointments.filter(kind="session").first()
    with at(first.on, 15):
        hold_session(first, held_at=datetime.datetime.combine(first.on, datetime.time(10), tzinfo=TZ), by=coach)
        with pytest.raises(ValidationError, match="tot de eerste sessie"):
            services.plan_trajectory(trajectory, sessions=7, months=9, first_session=first.on, by=coach)


def test_rescheduling_keeps_the_history_and_refuses_a_date_before_the_klik(trajectory, coach, client_for):
    session = trajectory.appointments.filter(kind="session").first()
    url = reverse("coaching:reschedule", args=[session.pk])
    client = client_for(coach)
    with at(KLIK_DAY + datetime.timedelta(days=2)):
        refused = client.post(url, {"on": "2026-02-20", "reason": "Ziek"})
        assert refused.status_code == 400
        assert "vóór de klik" in " ".join(refused.context["reschedule_form"].errors["on"])
        moved = client.post(url, {"on": "2026-03-18", "start_time": "14:00", "location": "Stadhuis", "reason": "Raad"})
    assert moved.status_code == 302
    session.refresh_from_db()
    assert (session.on, session.start_time, session.location) == (
        datetime.date(2026, 3, 18),
        datetime.time(14),
        "Stadhuis",
    )
    assert list(session.changes.values_list("action", "from_date", "to_date", "reason", "by")) == [
        ("rescheduled", datetime.date(2026, 3, 16), datetime.date(2026, 3, 18), "Raad", coach.pk)
    ]


def test_a_council_observation_cannot_move_into_the_summer_recess(trajectory, coach):
    observation = trajectory.appointments.get(kind="observation")
    with pytest.raises(ValidationError, match="reces van 1 juli 2026 tot en met 31 augustus 2026"):
        services.reschedule_appointment(
            observation, on=datetime.date(2026, 7, 14), start_time=None, location="", reason="x", by=coach
        )


def test_cancelling_needs_a_reason_and_keeps_the_appointment(trajectory, coach, client_for):
    session = trajectory.appointments.filter(kind="session").last()
    url = reverse("coaching:cancel_appointment", args=[session.pk])
    assert client_for(coach).post(url, {"reason": ""}).status_code == 400
    assert client_for(coach).post(url, {"reason": "Verhinderd"}).status_code == 302
    session.refresh_from_db()
    assert session.status == AppointmentStatus.CANCELLED
    assert list(session.changes.values_list("action", "reason")) == [("cancelled", "Verhinderd")]


def test_extra_sessions_need_the_wethouders_agreement(trajectory, coach, wethouder, client_for):
    with at(KLIK_DAY + datetime.timedelta(days=3)):
        response = client_for(coach).post(
            reverse("coaching:propose_extra", args=[trajectory.pk]),
            {"kind": "session", "on": "2026-04-01", "occasion": "Voorbereiding begroting"},
        )
    assert response.status_code == 302
    extra = trajectory.appointments.get(extra=True)
    assert (extra.status, extra.awaits_agreement) == (AppointmentStatus.PROPOSED, True)
    assert trajectory.appointments.in_plan().filter(pk=extra.pk).exists() is False
    # Only the wethouder can agree: the coach's own "yes" changes nothing.
    client_for(coach).post(reverse("coaching:answer_extra", args=[extra.pk]), {"agree": "yes"})
    extra.refresh_from_db()
    assert extra.status == AppointmentStatus.PROPOSED
    client_for(wethouder).post(reverse("coaching:answer_extra", args=[extra.pk]), {"agree": "yes"})
    extra.refresh_from_db()
    assert extra.status == AppointmentStatus.PLANNED
    assert list(extra.changes.values_list("action", "by")) == [("proposed", coach.pk), ("agreed", wethouder.pk)]


def test_the_wethouder_can_decline_an_extra(trajectory, coach, wethouder):
    with at(KLIK_DAY):
        extra = services.propose_extra(
            trajectory, kind="session", on=datetime.date(2026, 4, 1), start_time=None, setting="", occasion="", by=coach
        )
    services.answer_extra(extra, agree=False, by=wethouder)
    extra.refresh_from_db()
    assert extra.status == AppointmentStatus.CANCELLED


def test_completing_frees_the_coachs_place_and_cancels_what_is_ahead(
    trajectory, coach, wethouder, django_capture_on_commit_callbacks
):
    profile = CoachProfile.objects.get(user=coach)
    assert profile.active_load == 1
    with at(datetime.date(2026, 12, 3)), django_capture_on_commit_callbacks(execute=True):
        extra = services.propose_extra(
            trajectory,
            kind="session",
            on=datetime.date(2026, 12, 10),
            start_time=None,
            setting="",
            occasion="",
            by=coach,
        )
        services.end_trajectory(trajectory, outcome="completed", reason="", by=coach)
    trajectory.refresh_from_db()
    profile.refresh_from_db()
    extra.refresh_from_db()
    assert (trajectory.state, trajectory.match.state, profile.active_load) == ("completed", MatchState.ENDED, 0)
    assert extra.status == AppointmentStatus.CANCELLED
    assert Appointment.objects.filter(trajectory=trajectory, status="planned").count() == 9  # the past stays as it was
    assert [(m.to, m.subject) for m in mail.outbox[-2:]] == [
        ([coach.email], "[Bestuurderspool] Het traject is afgerond"),
        ([wethouder.email], "[Bestuurderspool] Het traject is afgerond"),
    ]


def test_stopping_early_needs_a_reason(trajectory, coach, client_for):
    response = client_for(coach).post(
        reverse("coaching:end_trajectory", args=[trajectory.pk]), {"outcome": "stopped", "reason": ""}
    )
    assert response.status_code == 200
    assert "Zeg waarom" in " ".join(response.context["end_form"].errors["reason"])
    trajectory.refresh_from_db()
    assert trajectory.state == TrajectoryState.ACTIVE


def test_switching_coach_keeps_the_history_and_proposes_a_different_coach(trajectory, coach, coordinator, client_for):
    other = CoachProfileFactory()
    first = trajectory.appointments.filter(kind="session").first()
    with at(first.on, 15):
        held_at = datetime.datetime.combine(first.on, datetime.time(10), tzinfo=TZ)
        hold_session(first, held_at=held_at, private_notes="geheim", by=coach)
        response = client_for(coordinator).post(
            reverse("coaching:switch_coach", args=[trajectory.pk]),
            {"reason": "Andere aanpak nodig", "confirmed": "yes"},
        )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.state, trajectory.match.state) == (TrajectoryState.SWITCHED, MatchState.SWITCHED)
    proposal = Match.objects.get(intake=trajectory.match.intake, state=MatchState.PROPOSED)
    assert proposal.coach_id == other.user_id
    assert trajectory.match.intake.state == IntakeState.READY_FOR_MATCHING
    assert trajectory.appointments.get(pk=first.pk).status == AppointmentStatus.HELD
    assert CoachProfile.objects.get(user=coach).active_load == 0


def test_a_closed_trajectory_refuses_every_change_with_a_message(trajectory, coach, wethouder, client_for):
    services.end_trajectory(trajectory, outcome="stopped", reason="Verhuisd", by=coach)
    session = trajectory.appointments.filter(kind="session").first()
    before = list(Appointment.objects.values_list("pk", "on", "status"))
    for user, url, data, form in [
        (
            coach,
            reverse("coaching:plan_trajectory", args=[trajectory.pk]),
            {"sessions": 6, "months": 9, "first_session": "2026-03-16"},
            "plan_form",
        ),
        (
            coach,
            reverse("coaching:reschedule", args=[session.pk]),
            {"on": "2026-03-20", "reason": "x"},
            "reschedule_form",
        ),
        (
            coach,
            reverse("coaching:log_appointment", args=[session.pk]),
            {"held_at": "2026-03-16T10:00", "minutes": 60, "mode": "online"},
            "log_form",
        ),
    ]:
        response = client_for(user).post(url, data)
        # The trajectory page answers its forms' errors with 200: it is the page itself, not a refusal.
        assert response.status_code == (200 if form == "plan_form" else 400), url
        assert "is beëindigd" in " ".join(response.context[form].non_field_errors()), url
    assert list(Appointment.objects.values_list("pk", "on", "status")) == before


def test_the_homes_of_coach_and_wethouder_lead_to_their_trajectory_only(
    trajectory, coach, wethouder, other_coach, other_wethouder, client_for
):
    for user in (coach, wethouder):
        assert client_for(user).get("/").context["home_trajectories"] == [trajectory]
    for user in (other_coach, other_wethouder):
        assert client_for(user).get("/").context["home_trajectories"] == []


def test_the_timeline_shows_appointments_in_the_order_they_happened(trajectory, coach, client_for):
    sessions = list(trajectory.appointments.filter(kind="session"))
    observation = trajectory.appointments.get(kind="observation")
    assert observation.on > sessions[1].on  # planned after the second session ...
    held_on = sessions[0].on + datetime.timedelta(days=2)  # ... but held right after the first
    with at(held_on, 20):
        services.log_observation(
            observation,
            held_at=datetime.datetime.combine(held_on, datetime.time(19), tzinfo=TZ),
            minutes=120,
            observed="Rustig in de raad",
            feedback="",
            by=coach,
        )
        timeline = client_for(coach).get(reverse("coaching:trajectory_detail", args=[trajectory.pk])).context["page"]
    order = [entry.appointment.pk for entry in timeline.timeline]
    assert order.index(sessions[0].pk) < order.index(observation.pk) < order.index(sessions[1].pk)
    days = [entry.appointment.happened_on for entry in timeline.timeline]
    assert days == sorted(days)


def test_the_coordinators_list_flags_quiet_and_ending_trajectories(trajectory, coach, coordinator, client_for):
    url = reverse("coaching:trajectories")

    def flags():
        (row,) = client_for(coordinator).get(url).context["trajectories"]
        return row.quiet, row.ends_soon, row.last_held

    with at(KLIK_DAY + datetime.timedelta(days=1)):
        assert flags() == (False, False, None)
    first = trajectory.appointments.filter(kind="session").first()
    with at(first.on, 15):
        hold_session(first, held_at=datetime.datetime.combine(first.on, datetime.time(10), tzinfo=TZ), by=coach)
    with at(first.on + datetime.timedelta(weeks=8)):
        assert flags() == (False, False, first.on)
    with at(first.on + datetime.timedelta(weeks=8, days=1)):
        assert flags() == (True, False, first.on)
        assert 'data-testid="quiet"' in client_for(coordinator).get(url).content.decode()
    with at(trajectory.ends_on - datetime.timedelta(days=10)):
        assert flags() == (True, True, first.on)
    with at(trajectory.ends_on - datetime.timedelta(days=10)):
        services.end_trajectory(trajectory, outcome=TrajectoryState.COMPLETED, reason="", by=coordinator)
        assert flags()[:2] == (False, False)


def test_the_coordinator_sees_how_many_trajectories_need_attention_and_can_list_them(
    trajectory, coach, other_coach, coordinator, client_for
):
    client = client_for(coordinator)
    quiet_list = reverse("coaching:trajectories") + "?attention=quiet"
    with at(KLIK_DAY + datetime.timedelta(days=1)):
        assert client.get("/").context["trajectory_attention"] == {"quiet": 0, "behind": 0, "ends_soon": 0}
        assert client.get(quiet_list).context["trajectories"] == []
    with at(trajectory.ends_on - datetime.timedelta(days=10)):
        home = client.get("/")
        assert home.context["trajectory_attention"] == {"quiet": 1, "behind": 1, "ends_soon": 1}
        assert "?attention=quiet" in home.content.decode()
        assert client.get(quiet_list).context["trajectories"] == [trajectory]
        assert client_for(other_coach).get(quiet_list).context["trajectories"] == []  # not theirs
        client = client_for(coordinator)
        assert client.get(reverse("coaching:trajectories") + "?attention=bogus").context["attention"] == ""


@pytest.mark.parametrize("persona", ["coach", "wethouder", "coordinator"])
def test_the_home_pages_query_count_does_not_grow_with_trajectories(
    persona, coach, wethouder, request, client_for, django_assert_max_num_queries
):
    from bestuurderspool.accounts.tests.factories import UserFactory

    CoachProfileFactory(user=coach, capacity=8)
    trajectory_between(coach, wethouder)
    client = client_for(request.getfixturevalue(persona))
    with django_assert_max_num_queries(30) as few:
        client.get("/")
    for _ in range(4):
        trajectory_between(CoachProfileFactory().user, UserFactory(role="wethouder"))
        trajectory_between(coach, UserFactory(role="wethouder"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/").status_code == 200


def test_the_first_plan_follows_the_rhythm_the_wethouder_asked_for(coach, wethouder):
    trajectory = trajectory_between(coach, wethouder, preferred_sessions=8, preferred_months=12)
    assert (trajectory.planned_sessions, trajectory.planned_months) == (8, 12)
    assert trajectory.appointments.filter(kind="session").count() == 8
    assert trajectory.ends_on == datetime.date(2027, 3, 2)
