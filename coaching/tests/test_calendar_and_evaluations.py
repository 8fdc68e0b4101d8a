"""Calendars (the private feed and .ics downloads), evaluations, and the trajectory page's cost."""

import datetime

import pytest
import time_machine
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from coaching.models import CalendarFeed, Evaluation
from coaching.services import trajectories as services
from coaching.services.moves import withdraw_move
from coaching.tests.factories import propose_move_of, trajectory_between


@pytest.fixture
def trajectory(coach, wethouder):
    return trajectory_between(coach, wethouder, observation_settings=("committee",))


def feed_url(client):
    client.post(reverse("coaching:calendar_settings"), {"action": "renew", "confirmed": "yes"})
    return client.get(reverse("coaching:calendar_settings")).context["feed_url"]


def test_the_calendar_feed_parses_and_holds_the_users_appointments_without_notes(trajectory, wethouder, client_for):
    session = trajectory.appointments.filter(kind="session").first()
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC)):
        services.reschedule_appointment(
            session,
            on=datetime.date(2026, 3, 17),
            start_time=datetime.time(14, 30),
            location="Stadhuis",
            reason="x",
            by=trajectory.coach,
        )
    url = feed_url(client_for(wethouder))
    client = client_for(None)
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == trajectory.appointments.count() == 9
    first = next(e for e in events if str(e["UID"]) == f"appointment-{session.pk}@bestuurderspool")
    assert first.decoded("DTSTART") == datetime.datetime(2026, 3, 17, 14, 30, tzinfo=first.decoded("DTSTART").tzinfo)
    assert str(first.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert (str(first["SUMMARY"]), str(first["LOCATION"])) == (f"Coachgesprek met {trajectory.coach}", "Stadhuis")


def test_a_revoked_or_renewed_feed_address_stops_working(trajectory, coach, client_for):
    client = client_for(coach)
    old = feed_url(client).removeprefix("http://testserver")
    new = feed_url(client).removeprefix("http://testserver")
    anonymous = client_for(None)
    assert (anonymous.get(old).status_code, anonymous.get(new).status_code) == (404, 200)
    client_for(coach).post(reverse("coaching:calendar_settings"), {"action": "revoke", "confirmed": "yes"})
    assert anonymous.get(new).status_code == 404
    assert CalendarFeed.objects.filter(user=coach).exists() is False


def test_the_feed_of_one_user_never_shows_another_users_appointments(
    trajectory, other_coach, other_wethouder, client_for
):
    trajectory_between(other_coach, other_wethouder)
    url = feed_url(client_for(other_wethouder)).removeprefix("http://testserver")
    events = Calendar.from_ical(client_for(None).get(url).content).walk("VEVENT")
    uids = {str(e["UID"]) for e in events}
    assert not uids & {
        f"appointment-{pk}@bestuurderspool" for pk in trajectory.appointments.values_list("pk", flat=True)
    }
    assert len(uids) == 8


def test_an_appointment_downloads_as_ics_for_its_parties_only(trajectory, coach, other_coach, coordinator, client_for):
    session = trajectory.appointments.filter(kind="session").first()
    url = reverse("coaching:appointment_ics", args=[session.pk])
    response = client_for(coach).get(url)
    assert response["Content-Disposition"] == f'attachment; filename="afspraak-{session.pk}.ics"'
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == session.on
    assert client_for(other_coach).get(url).status_code == 404
    assert client_for(coordinator).get(url).status_code == 200


def test_coordinators_see_the_scale_answers_and_the_coach_the_text_only_when_shared(
    trajectory, coach, wethouder, coordinator, client_for
):
    interim = trajectory.appointments.get(kind="interim_evaluation")
    with time_machine.travel(datetime.datetime.combine(interim.on, datetime.time(12), tzinfo=datetime.UTC)):
        client = client_for(wethouder)
        page = client.get(reverse("coaching:trajectory_detail", args=[trajectory.pk]))
        assert page.context["evaluation_due"] == "interim"
        url = reverse("coaching:evaluate", args=[trajectory.pk, "interim"])
        refused = client.post(url, {"usefulness": "4", "klik": "9", "what_changed": "Ik durf meer"})
        assert refused.status_code == 400
        assert refused.context["form"].data["what_changed"] == "Ik durf meer"
        assert (
            client.post(
                url, {"usefulness": "4", "klik": "5", "change": "3", "what_changed": "Ik durf meer"}
            ).status_code
            == 302
        )
    evaluation = Evaluation.objects.get(trajectory=trajectory)
    assert (evaluation.usefulness, evaluation.klik, evaluation.change, evaluation.share_with_coach) == (4, 5, 3, False)
    detail = reverse("coaching:trajectory_detail", args=[trajectory.pk])
    assert "Ik durf meer" not in client_for(coach).get(detail).content.decode()
    coordinator_page = client_for(coordinator).get(detail)
    assert "Ik durf meer" not in coordinator_page.content.decode()
    assert coordinator_page.context["scores"]["interim"]["usefulness"] == 4
    overview = client_for(coordinator).get(reverse("coaching:trajectories"))
    assert overview.context["scores"]["interim"]["count"] == 1
    Evaluation.objects.filter(pk=evaluation.pk).update(share_with_coach=True)
    assert "Ik durf meer" in client_for(coach).get(detail).content.decode()
    assert "Ik durf meer" not in client_for(coordinator).get(detail).content.decode()


def test_an_evaluation_is_the_wethouders_alone(trajectory, coach, coordinator, client_for):
    url = reverse("coaching:evaluate", args=[trajectory.pk, "final"])
    for user in (coach, coordinator):
        assert client_for(user).post(url, {"usefulness": "1", "klik": "1", "change": "1"}).status_code == 403
    assert Evaluation.objects.count() == 0


def add_logged_sessions(trajectory, coach, count):
    for _ in range(count):
        with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC), tick=False):
            extra = services.propose_extra(
                trajectory,
                kind="session",
                on=datetime.date(2026, 3, 20),
                start_time=None,
                setting="",
                occasion="",
                by=coach,
            )
            services.answer_extra(extra, agree=True, by=trajectory.wethouder)
            services.log_session(
                extra,
                held_at=datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC),
                minutes=60,
                mode="online",
                themes=[],
                private_notes="p",
                shared_summary="s",
                by=coach,
            )


@pytest.mark.parametrize("persona", ["coach", "wethouder", "coordinator"])
def test_the_trajectory_page_query_count_does_not_grow_with_sessions(
    db, trajectory, request, client_for, django_assert_max_num_queries, persona
):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("coaching:trajectory_detail", args=[trajectory.pk])
    add_logged_sessions(trajectory, trajectory.coach, 1)
    ahead = sessions_ahead(trajectory)
    propose_moves(ahead[:1])
    with django_assert_max_num_queries(16) as few:
        assert client.get(url).status_code == 200
    add_logged_sessions(trajectory, trajectory.coach, 20)
    propose_moves(ahead[1:])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].timeline) == 30
    badges = response.content.decode().count('data-testid="move-proposed"')
    assert badges == (0 if persona == "coordinator" else len(ahead))
    assert len(ahead) >= 3


PROPOSED_ON = datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC)


def sessions_ahead(trajectory):
    return list(trajectory.appointments.filter(kind="session", on__gt=PROPOSED_ON.date()).order_by("on"))


def propose_moves(appointments):
    with time_machine.travel(PROPOSED_ON, tick=False):
        return [propose_move_of(appointment, reason="Vertrouwelijke reden") for appointment in appointments]


@pytest.mark.parametrize(("persona", "sees"), [("coach", True), ("wethouder", True), ("coordinator", False)])
def test_an_open_move_proposal_shows_as_a_badge_in_the_timeline_for_coach_and_wethouder_only(
    trajectory, request, client_for, persona, sees
):
    first, second = sessions_ahead(trajectory)[:2]
    open_one, withdrawn = propose_moves([first, second])
    with time_machine.travel(PROPOSED_ON, tick=False):
        withdraw_move(withdrawn, by=trajectory.wethouder)
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("coaching:trajectory_detail", args=[trajectory.pk])
    )
    page = response.content.decode()
    proposed = {e.appointment.pk: e.move_proposed_to for e in response.context["page"].timeline if e.move_proposed_to}
    with translation.override("nl"):
        badge = f"Verzetten voorgesteld naar {date_filter(open_one.on, 'j F Y')}"
    if sees:
        assert proposed == {first.pk: open_one.on}
        assert page.count('data-testid="move-proposed"') == 1
        assert badge in page
    else:
        assert proposed == {}
        assert "Verzetten voorgesteld" not in page
        assert "Vertrouwelijke reden" not in page


def test_the_trajectory_list_query_count_does_not_grow(
    db, coach, coordinator, client_for, django_assert_max_num_queries
):
    from bestuurderspool.accounts.tests.factories import UserFactory
    from coaching.tests.factories import CoachProfileFactory

    trajectory_between(coach, UserFactory(role="wethouder"))
    client = client_for(coordinator)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("coaching:trajectories"))
    for _ in range(5):
        trajectory_between(CoachProfileFactory().user, UserFactory(role="wethouder"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("coaching:trajectories"))
    assert len(response.context["trajectories"]) == 6
