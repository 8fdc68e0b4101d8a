"""Sessions suited to confidential data: coaches, coordinators and staff are signed out after 30
minutes without a request and 12 hours after signing in; wethouders after 4 hours idle and 14
days. Pages of signed-in users, the calendar feed and .ics downloads are never stored by a
browser or proxy (`Cache-Control: no-store`). The language cookie is Secure and SameSite."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import trajectory_between

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


def signed_in(client, user, when):
    with time_machine.travel(when, tick=False):
        client.force_login(user)
        assert client.get("/").status_code == 200


def status_at(client, when, path="/coaching/trajecten/"):
    with time_machine.travel(when, tick=False):
        response = client.get(path)
    return response.status_code, response.headers.get("Location", "")


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


@pytest.mark.parametrize("persona", ["coach", "coordinator", "superuser"])
def test_coaches_coordinators_and_staff_are_signed_out_after_30_idle_minutes(client, request, persona):
    user = request.getfixturevalue(persona)
    signed_in(client, user, START)
    assert status_at(client, START + datetime.timedelta(minutes=29)) == (200, "")
    assert status_at(client, START + datetime.timedelta(minutes=58)) == (200, "")
    status, location = status_at(client, START + datetime.timedelta(minutes=89))
    assert (status, location) == (302, "/accounts/login/?next=/coaching/trajecten/")
    assert status_at(client, START + datetime.timedelta(minutes=90))[0] == 302


def test_the_sign_out_says_why(client, coach):
    signed_in(client, coach, START)
    with time_machine.travel(START + datetime.timedelta(minutes=31), tick=False):
        page = client.get("/coaching/trajecten/", follow=True)
    assert "U bent afgemeld na 30 minuten zonder activiteit." in page.content.decode()


def test_an_active_coordinator_is_signed_out_12_hours_after_signing_in(client, coordinator):
    signed_in(client, coordinator, START)
    for minutes in range(20, 12 * 60, 20):
        assert status_at(client, START + datetime.timedelta(minutes=minutes)) == (200, "")
    assert status_at(client, START + datetime.timedelta(hours=12, minutes=5))[0] == 302


def test_wethouders_keep_their_session_longer(client, wethouder):
    signed_in(client, wethouder, START)
    assert status_at(client, START + datetime.timedelta(hours=3, minutes=50)) == (200, "")
    assert status_at(client, START + datetime.timedelta(hours=8, minutes=1))[0] == 302


@pytest.mark.parametrize("persona", ["wethouder", "coach", "coordinator"])
def test_every_page_of_a_signed_in_user_is_no_store(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for path in ("/", "/coaching/trajecten/", "/meldingen/"):
        response = client.get(path)
        assert (path, response.status_code, response["Cache-Control"]) == (path, 200, "no-store, private")


def test_the_calendar_feed_and_an_ics_download_are_no_store(client, coach, wethouder):
    trajectory = trajectory_between(coach, wethouder)
    client.force_login(coach)
    client.post(reverse("coaching:calendar_settings"), {"action": "renew"})
    feed = client.get(reverse("coaching:calendar_settings")).context["feed_url"].removeprefix("http://testserver")
    session = trajectory.appointments.filter(kind="session").first()
    download = client.get(reverse("coaching:appointment_ics", args=[session.pk]))
    client.logout()
    response = client.get(feed)
    assert (response.status_code, response["Cache-Control"]) == (200, "no-store, private")
    assert download["Cache-Control"] == "no-store, private"


def test_the_language_cookie_is_secure_with_the_session_cookie_and_same_site_lax(client, settings, db):
    assert settings.LANGUAGE_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert (bool(cookie["secure"]), cookie["samesite"], bool(cookie["httponly"])) == (
        settings.SESSION_COOKIE_SECURE,
        "Lax",
        True,
    )
