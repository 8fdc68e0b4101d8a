"""The main navigation: each role's own links, the page you are on marked, and the failed
reminders reached from the notification pages and the coordinator's home."""

import re

import pytest
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.navigation import menu_for
from bestuurderspool.notifications.models import Reminder


def nav_links(response) -> list[tuple[str, bool]]:
    """(href, current) of every link in the header's main navigation."""
    header = response.content.decode().split('<ul class="navbar-nav', 1)[1].split("</ul>", 1)[0]
    return [
        (href, "aria-current" in rest)
        for href, rest in re.findall(r'<a class="nav-link[^"]*" href="([^"]+)"([^>]*)>', header)
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("wethouder", ["/", "/coaching/matches/mijn/", "/coaching/trajecten/", "/coaching/agenda/", "/meldingen/"]),
        (
            "coach",
            [
                "/",
                "/coaching/matches/mijn/",
                "/coaching/trajecten/",
                "/coaching/profiel/",
                "/coaching/agenda/",
                "/meldingen/",
            ],
        ),
        (
            "coordinator",
            [
                "/",
                "/intake/werklijst/",
                "/coaching/pool/",
                "/coaching/matches/",
                "/coaching/golf/",
                "/coaching/trajecten/",
                "/cockpit/vraag-en-aanbod/",
                "/cockpit/prognose/",
                "/coaching/rapportage/",
                "/groepstrajecten/",
                "/uitnodigingen/",
                "/mijn-account/verwijderverzoeken/",
                "/meldingen/",
            ],
        ),
    ],
)
def test_each_role_gets_its_own_menu_with_the_current_page_marked(role, expected, request, client_for):
    user = request.getfixturevalue(role)
    response = client_for(user).get(reverse("notifications:settings"))
    links = nav_links(response)
    assert [href for href, _current in links] == expected
    assert [href for href, current in links if current] == ["/meldingen/"]


def test_the_most_specific_link_is_current_and_home_only_on_home(coordinator, coach):
    def current(user, path):
        return [link.url for link in menu_for(user, path) if link.current]

    assert current(coordinator, "/") == ["/"]
    assert current(coordinator, "/coaching/pool/import/") == ["/coaching/pool/"]
    assert current(coordinator, "/coaching/trajecten/12/") == ["/coaching/trajecten/"]
    assert current(coach, "/coaching/matches/mijn/") == ["/coaching/matches/mijn/"]
    assert current(coordinator, "/accounts/email/") == []
    assert menu_for(UserFactory.build(is_superuser=True, role=""), "/")[1].url == "/intake/werklijst/"


def test_anonymous_visitors_get_no_menu(client, db):
    assert nav_links(client.get("/")) == []


def test_failed_reminders_are_a_tab_for_coordinators_only(coordinator, coach, wethouder, client_for):
    failed = reverse("notifications:failed")
    assert f'href="{failed}"' in client_for(coordinator).get(reverse("notifications:list")).content.decode()
    for user in (coach, wethouder):
        page = client_for(user).get(reverse("notifications:list")).content.decode()
        assert f'href="{failed}"' not in page
        assert client_for(user).get(failed).status_code == 403


def test_the_coordinator_home_announces_failed_reminders(coordinator, wethouder, client_for):
    client = client_for(coordinator)
    assert "failed-reminders-alert" not in client.get("/").content.decode()
    for n in range(2):
        Reminder.objects.create(
            key=f"test:{n}", kind="reminder_failed", user=wethouder, target_id=n, due_at="2026-11-01T09:00Z",
            next_attempt_at="2026-11-01T09:00Z", status="failed",
        )  # fmt: skip
    page = client.get("/")
    assert page.context["failed_reminders"] == 2
    assert "2 herinneringen konden niet worden bezorgd." in page.content.decode()
