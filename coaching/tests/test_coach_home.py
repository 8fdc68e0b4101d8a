"""The coach's home lists the next appointments and the ones still to log, each one click from its
form; "Mijn agenda" lists the appointments themselves besides the feed address."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.tests.factories import CoachProfileFactory, hold_session, trajectory_between

AMS = ZoneInfo("Europe/Amsterdam")
KLIK = datetime.date(2026, 3, 2)
#: Two months after the klik: the first sessions are in the past.
NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=AMS)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def trajectory(coach, wethouder):
    trajectory = trajectory_between(coach, wethouder, klik_on=KLIK)
    trajectory.coach.last_name, trajectory.wethouder.last_name = "Jansen", "de Vries"
    trajectory.coach.save()
    trajectory.wethouder.save()
    return trajectory


def _past_and_next(trajectory):
    sessions = list(trajectory.appointments.filter(kind="session").order_by("on"))
    past = [s for s in sessions if s.on < NOW.date()]
    upcoming = [s for s in sessions if s.on >= NOW.date()]
    return past, upcoming


def test_coach_home_lists_next_appointments_and_sessions_to_log(client, trajectory, coach):
    past, upcoming = _past_and_next(trajectory)
    with time_machine.travel(NOW, tick=False):
        hold_session(past[0])
        client.force_login(coach)
        text = _text(client.get("/"))
    logged, to_log = past[0], past[1:]
    assert f'href="/coaching/afspraken/{upcoming[0].pk}/">Coachgesprek</a>' in text
    for appointment in to_log:
        assert f'href="/coaching/afspraken/{appointment.pk}/#log-heading"' in text
    assert f"/coaching/afspraken/{logged.pk}/#log-heading" not in text
    assert "Anna de Vries" in text


def test_dates_are_written_out_in_dutch(client, trajectory, coach):
    _past, upcoming = _past_and_next(trajectory)
    with time_machine.travel(NOW, tick=False):
        client.force_login(coach)
        text = _text(client.get("/"))
    first = upcoming[0].on
    days = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december"]  # fmt: skip
    assert f"{days[first.weekday()]} {first.day} {months[first.month - 1]} {first.year}" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text.split("<main", 1)[1])


def test_another_coach_sees_none_of_it(client, trajectory, other_coach):
    with time_machine.travel(NOW, tick=False):
        client.force_login(other_coach)
        text = _text(client.get("/"))
        agenda = _text(client.get("/coaching/agenda/"))
    assert "/coaching/afspraken/" not in text
    assert "/coaching/afspraken/" not in agenda


@pytest.mark.parametrize("trajectories", [1, 4])
def test_coach_home_queries_do_not_grow(client, coach, django_assert_max_num_queries, trajectories):
    CoachProfileFactory(user=coach, capacity=trajectories)
    for n in range(trajectories):
        trajectory_between(coach, UserFactory(role="wethouder", email=f"w{n}@example.nl"), klik_on=KLIK)
    with time_machine.travel(NOW, tick=False):
        client.force_login(coach)
        # 10 for the coaching home (one for the open proposals to move), 1 for the group tracks the coach leads.
        with django_assert_max_num_queries(11):
            response = client.get("/")
    assert len(response.context["appointments_to_log"]) == trajectories  # the first session, two weeks after the klik


# --- Mijn agenda -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coach", "wethouder"])
def test_the_calendar_page_lists_the_upcoming_appointments(request, client, trajectory, persona):
    upcoming = list(trajectory.appointments.filter(on__gte=NOW.date()).order_by("on", "start_time", "pk"))
    with time_machine.travel(NOW, tick=False):
        client.force_login(request.getfixturevalue(persona))
        text = _text(client.get("/coaching/agenda/"))
    listed = re.findall(r'href="/coaching/afspraken/(\d+)/"', text)
    assert [int(pk) for pk in listed] == [a.pk for a in upcoming]
    listing = text.split('data-testid="upcoming-heading"', 1)[1].split("</ul>", 1)[0]
    assert ("Carla Jansen" in listing, "Anna de Vries" in listing) == (persona == "wethouder", persona == "coach")


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 403), (None, 302)])
def test_the_calendar_page_is_for_coach_and_wethouder(request, db, client, persona, status):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get("/coaching/agenda/").status_code == status


@pytest.mark.parametrize("trajectories", [1, 4])
def test_calendar_page_queries_do_not_grow(client, coach, django_assert_max_num_queries, trajectories):
    CoachProfileFactory(user=coach, capacity=trajectories)
    for n in range(trajectories):
        trajectory_between(coach, UserFactory(role="wethouder", email=f"w{n}@example.nl"), klik_on=KLIK)
    with time_machine.travel(NOW, tick=False):
        client.force_login(coach)
        with django_assert_max_num_queries(6):
            response = client.get("/coaching/agenda/")
    assert len(response.context["appointments"]) == 7 * trajectories
