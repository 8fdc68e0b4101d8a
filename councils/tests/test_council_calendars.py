"""Council calendars: recesses per municipality used by the planner, and meeting calendars
imported from iCalendar (file or address), from which an observation is planned."""

import datetime
import functools
import http.server
import threading
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bestuurderspool.municipalities.models import Municipality
from coaching import planning
from coaching.services import moves
from coaching.services import trajectories as trajectory_services
from coaching.tests.factories import trajectory_between
from councils import services
from councils.models import CouncilMeeting, MeetingFeed, Recess
from councils.periods import Period

DATA = Path(__file__).resolve().parent / "data"
CALENDAR = (DATA / "utrecht-raad.ics").read_bytes()


@pytest.fixture
def utrecht(db):
    return Municipality.objects.lookup("Utrecht")


@pytest.fixture
def served():
    """The test calendars over real HTTP from a local server."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DATA))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_own_recess_replaces_the_national_summer_recess_it_overlaps(utrecht, coordinator):
    services.add_recess(
        municipality=utrecht,
        name="Zomerreces",
        starts_on=datetime.date(2027, 7, 10),
        ends_on=datetime.date(2027, 8, 22),
        by=coordinator,
    )
    services.add_recess(
        municipality=None,
        name="Kerstreces",
        starts_on=datetime.date(2026, 12, 19),
        ends_on=datetime.date(2027, 1, 3),
        by=coordinator,
    )
    periods = Recess.objects.periods_for(utrecht, start=datetime.date(2026, 12, 1), end=datetime.date(2027, 12, 31))
    assert periods == [
        Period(datetime.date(2026, 12, 19), datetime.date(2027, 1, 3)),
        Period(datetime.date(2027, 7, 10), datetime.date(2027, 8, 22)),
    ]
    other = Municipality.objects.lookup("Zwolle")
    assert Period(datetime.date(2027, 7, 1), datetime.date(2027, 8, 31)) in Recess.objects.periods_for(
        other, start=datetime.date(2027, 1, 1), end=datetime.date(2027, 12, 31)
    )


def test_the_planner_keeps_council_observations_out_of_the_municipality_s_recess():
    recesses = [Period(datetime.date(2026, 10, 12), datetime.date(2026, 10, 23))]
    klik = datetime.date(2026, 9, 1)
    plan = planning.propose_plan(klik, observation_settings=("council", "public"), recesses=recesses)
    council = plan.of_kind("observation")[0]
    assert not recesses[0].starts_on <= council.on <= recesses[0].ends_on
    with pytest.raises(planning.PlanError):
        planning.check_observation_date("council", datetime.date(2026, 10, 14), recesses=recesses)
    planning.check_observation_date("public", datetime.date(2026, 10, 14), recesses=recesses)
    planning.check_observation_date("council", datetime.date(2026, 7, 14), recesses=recesses)


def test_a_recess_needs_its_last_day_after_its_first(coordinator, client_for):
    response = client_for(coordinator).post(
        reverse("councils:calendars"), {"name": "Meireces", "starts_on": "2027-05-10", "ends_on": "2027-05-01"}
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["recess_form"].errors
    assert response.context["recess_form"]["name"].value() == "Meireces"
    assert not Recess.objects.exists()


def test_a_calendar_file_is_imported_and_replaces_the_earlier_one(utrecht, coordinator, client_for):
    url = reverse("councils:municipality", args=[utrecht.pk])
    upload = SimpleUploadedFile("raad.ics", CALENDAR, content_type="text/calendar")
    response = client_for(coordinator).post(url, {"import": "1", "url": "", "file": upload})
    assert response.status_code == 302
    assert sorted(CouncilMeeting.objects.values_list("kind", flat=True)) == ["committee", "council", "council", "other"]
    services.import_meetings(utrecht, data=CALENDAR, by=coordinator)
    assert CouncilMeeting.objects.count() == 4


@pytest.mark.parametrize("name", ["broken.ics", "empty.ics"])
def test_a_calendar_that_cannot_be_read_changes_nothing(utrecht, coordinator, client_for, name):
    services.import_meetings(utrecht, data=CALENDAR, by=coordinator)
    upload = SimpleUploadedFile(name, (DATA / name).read_bytes(), content_type="text/calendar")
    url = reverse("councils:municipality", args=[utrecht.pk])
    response = client_for(coordinator).post(url, {"import": "1", "url": "", "file": upload})
    assert response.status_code == 200
    assert "file" in response.context["import_form"].errors
    assert CouncilMeeting.objects.count() == 4


def test_a_calendar_is_imported_from_its_address(utrecht, coordinator, client_for, served):
    url = reverse("councils:municipality", args=[utrecht.pk])
    response = client_for(coordinator).post(url, {"import": "1", "url": f"{served}/utrecht-raad.ics"})
    assert response.status_code == 302
    assert CouncilMeeting.objects.filter(municipality=utrecht).count() == 4
    assert MeetingFeed.objects.get(municipality=utrecht).url == f"{served}/utrecht-raad.ics"


def test_an_address_that_cannot_be_read_says_so_and_changes_nothing(utrecht, coordinator, client_for, served):
    services.import_meetings(utrecht, data=CALENDAR, by=coordinator)
    url = reverse("councils:municipality", args=[utrecht.pk])
    for address in (f"{served}/missing.ics", "http://127.0.0.1:9/raad.ics", f"{served}/broken.ics"):
        response = client_for(coordinator).post(url, {"import": "1", "url": address})
        assert response.status_code == 200, address
        assert "url" in response.context["import_form"].errors, address
    assert CouncilMeeting.objects.count() == 4


def test_only_http_addresses_are_fetched():
    with pytest.raises(ValidationError):
        services.fetch_calendar("file:///etc/passwd")


@pytest.mark.parametrize("persona", ["wethouder", "coach", None])
def test_calendars_are_the_coordinators(utrecht, persona, request, client_for):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    for url in (reverse("councils:calendars"), reverse("councils:municipality", args=[utrecht.pk])):
        response = client.get(url)
        assert response.status_code == (302 if user is None else 403)
    response = client.post(
        reverse("councils:calendars"), {"name": "X", "starts_on": "2027-01-01", "ends_on": "2027-01-02"}
    )
    assert response.status_code in (302, 403)
    assert not Recess.objects.exists()


@pytest.mark.parametrize("meetings", [1, 30])
def test_the_calendar_page_takes_a_fixed_number_of_queries(
    utrecht, coordinator, client_for, django_assert_max_num_queries, meetings
):
    CouncilMeeting.objects.bulk_create(
        CouncilMeeting(
            municipality=utrecht,
            uid=f"m{n}",
            title=f"Commissie {n}",
            kind="committee",
            starts_at=datetime.datetime(2030, 1, 1, 20, tzinfo=datetime.UTC) + datetime.timedelta(days=n),
        )
        for n in range(meetings)
    )
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("councils:municipality", args=[utrecht.pk]))
    assert page.context["meetings"].paginator.count == meetings


# --- Planning an observation at a meeting ------------------------------------------------------


@pytest.fixture
def observation(coach, wethouder, utrecht, coordinator):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False):
        trajectory = trajectory_between(
            coach, wethouder, klik_on=datetime.date(2026, 11, 30), observation_settings=("council",)
        )
    trajectory.match.intake.municipality = utrecht
    trajectory.match.intake.save()
    services.import_meetings(utrecht, data=CALENDAR, by=coordinator)
    return trajectory.appointments.get(kind="observation")


def test_the_coach_plans_the_observation_at_a_council_meeting(observation, coach, client_for):
    url = reverse("coaching:observation_meetings", args=[observation.pk])
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC), tick=False):
        page = client_for(coach).get(url)
        listed = [(m.title, m.in_recess) for m in page.context["meetings"]]
        assert listed == [("Gemeenteraad", False), ("Raadsvergadering (extra)", True)]  # 8 July: summer recess
        html = page.content.decode()
        assert html.count("Deze vergadering observeren") == 1
        assert "In het reces: een observatie wordt buiten het reces gepland." in html
        meeting = CouncilMeeting.objects.get(title="Gemeenteraad")
        assert client_for(coach).post(url, {"meeting": meeting.pk}).status_code == 302
    observation.refresh_from_db()
    assert (observation.on, observation.start_time, observation.occasion) == (
        datetime.date(2027, 1, 28),
        datetime.time(19, 30),
        "Gemeenteraad",
    )
    assert observation.location == "Raadzaal, Stadhuis"
    assert observation.changes.get().reason.endswith("Gemeenteraad")


def test_the_wethouder_proposes_a_council_meeting_and_the_coach_agrees(
    observation, wethouder, coach, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    planned = (observation.on, observation.start_time, observation.location)
    url = reverse("coaching:observation_meetings", args=[observation.pk])
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC), tick=False):
        page = client_for(wethouder).get(url)
        assert "Deze vergadering voorstellen" in page.content.decode()
        meeting = CouncilMeeting.objects.get(title="Gemeenteraad")
        with django_capture_on_commit_callbacks(execute=True):
            assert client_for(wethouder).post(url, {"meeting": meeting.pk}).status_code == 302
        observation.refresh_from_db()
        assert (observation.on, observation.start_time, observation.location, observation.occasion) == (*planned, "")
        proposal = observation.move_proposals.get()
        assert (proposal.on, proposal.start_time, proposal.location, proposal.occasion) == (
            datetime.date(2027, 1, 28),
            datetime.time(19, 30),
            "Raadzaal, Stadhuis",
            "Gemeenteraad",
        )
        assert [m.to for m in mailoutbox] == [[coach.email]]
        detail = client_for(wethouder).get(reverse("coaching:appointment_detail", args=[observation.pk]))
        assert url not in detail.content.decode()  # one open proposal at a time
        moves.agree_to_move(proposal, by=coach)
    observation.refresh_from_db()
    assert (observation.on, observation.start_time, observation.occasion) == (
        datetime.date(2027, 1, 28),
        datetime.time(19, 30),
        "Gemeenteraad",
    )


def test_the_wethouder_does_not_move_the_observation_to_a_meeting_directly(observation, wethouder):
    meeting = CouncilMeeting.objects.get(title="Gemeenteraad")
    with (
        time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC), tick=False),
        pytest.raises(ValidationError, match="stelt voor"),
    ):
        trajectory_services.observe_meeting(observation, meeting=meeting, by=wethouder)
    observation.refresh_from_db()
    assert observation.occasion == ""
    assert not observation.changes.exists()


def test_a_meeting_in_the_recess_or_of_another_kind_is_refused(observation, coach, wethouder, coordinator):
    services.add_recess(
        municipality=None,
        name="Zomerreces",
        starts_on=datetime.date(2027, 7, 1),
        ends_on=datetime.date(2027, 8, 31),
        by=coordinator,
    )
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC), tick=False):
        for title in ("Raadsvergadering (extra)", "Commissie Ruimte"):
            meeting = CouncilMeeting.objects.get(title=title)
            with pytest.raises(ValidationError):
                trajectory_services.observe_meeting(observation, meeting=meeting, by=coach)
            with pytest.raises(ValidationError):
                moves.propose_meeting(observation, meeting=meeting, by=wethouder)
    observation.refresh_from_db()
    assert observation.occasion == ""
    assert not observation.move_proposals.exists()


def test_a_coordinator_or_a_visitor_does_not_move_the_observation(observation, coordinator, client_for):
    url = reverse("coaching:observation_meetings", args=[observation.pk])
    meeting = CouncilMeeting.objects.get(title="Gemeenteraad")
    assert client_for(coordinator).get(url).status_code == 403
    assert client_for(coordinator).post(url, {"meeting": meeting.pk}).status_code == 403
    visitor = Client()
    assert visitor.get(url).status_code == 302  # to the sign-in page
    assert visitor.post(url, {"meeting": meeting.pk}).status_code == 302
    observation.refresh_from_db()
    assert observation.occasion == ""
    assert not observation.move_proposals.exists()


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder"])
def test_nobody_else_moves_the_observation(observation, persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("coaching:observation_meetings", args=[observation.pk])
    meeting = CouncilMeeting.objects.get(title="Gemeenteraad")
    assert client.get(url).status_code == 404
    assert client.post(url, {"meeting": meeting.pk}).status_code == 404
    assert client.post(url, {"meeting": "abc"}).status_code == 404
    observation.refresh_from_db()
    assert observation.occasion == ""


@pytest.mark.parametrize("extra", [0, 60])
def test_the_list_of_meetings_reads_the_same_queries_for_any_number(
    observation, coach, client_for, extra, django_assert_max_num_queries
):
    utrecht = observation.trajectory.match.intake.municipality
    first = CouncilMeeting.objects.get(title="Gemeenteraad")
    CouncilMeeting.objects.bulk_create(
        CouncilMeeting(
            municipality=utrecht,
            uid=f"extra-{n}",
            title=f"Raadsvergadering {n}",
            kind="council",
            starts_at=first.starts_at + datetime.timedelta(days=n + 1),
        )
        for n in range(extra)
    )
    url = reverse("coaching:observation_meetings", args=[observation.pk])
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC), tick=False):
        client = client_for(coach)
        with django_assert_max_num_queries(8):
            assert len(client.get(url).context["meetings"]) == 2 + extra
