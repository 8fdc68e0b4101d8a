"""The main navigation: each role's own links (the coordinator's in groups), the page you are on
marked with its group, and the failed reminders reached from the notification pages and the
coordinator's home."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.navigation import NavGroup, menu_for
from bestuurderspool.notifications.models import Reminder


def outline(menu) -> list:
    """A menu as plain data: a link is its URL, a group is (label, [URLs])."""
    return [
        (entry.label, [link.url for link in entry.links]) if isinstance(entry, NavGroup) else entry.url
        for entry in menu
    ]


def urls(menu) -> set[str]:
    return {link.url for entry in menu for link in (entry.links if isinstance(entry, NavGroup) else [entry])}


COORDINATOR_MENU = [
    "/",
    ("Aanmeldingen", ["/intake/werklijst/", "/uitnodigingen/"]),
    ("Matches", ["/coaching/matches/", "/coaching/golf/"]),
    ("Trajecten", ["/coaching/trajecten/", "/groepstrajecten/"]),
    ("Pool", ["/coaching/pool/", "/coaching/pool/import/", "/coaching/pool/gewichten/", "/raadskalenders/"]),
    ("Rapportage", ["/cockpit/vraag-en-aanbod/", "/cockpit/prognose/", "/coaching/rapportage/"]),
    ("Beheer", ["/mijn-account/verwijderverzoeken/", "/meldingen/mislukt/"]),
    "/meldingen/",
]
SUPERUSER_ONLY = {"/mijn-account/audit/", "/admin/"}


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


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
        ("sponsor", ["/"]),
        ("coordinator", COORDINATOR_MENU),
    ],
)
def test_each_role_sees_its_own_menu(role, expected, request, db):
    assert outline(menu_for(request.getfixturevalue(role), "/")) == expected


def test_a_superuser_sees_the_coordinators_groups_and_the_superuser_links(superuser):
    menu = outline(menu_for(superuser, "/"))
    assert menu[:6] == COORDINATOR_MENU[:6]
    assert menu[6] == ("Beheer", [*COORDINATOR_MENU[6][1], "/mijn-account/audit/", "/admin/"])


def test_a_coordinator_never_sees_the_superuser_links(coordinator, client_for):
    assert urls(menu_for(coordinator, "/")) & SUPERUSER_ONLY == set()
    page = client_for(coordinator).get("/").content.decode()
    assert [url for url in SUPERUSER_ONLY if f'href="{url}"' in page] == []


@pytest.mark.parametrize("role", ["wethouder", "coach", "sponsor"])
def test_no_one_else_sees_a_coordinators_link(role, coordinator, request):
    user = request.getfixturevalue(role)
    coordinator_only = urls(menu_for(coordinator, "/")) - {"/", "/meldingen/", "/coaching/trajecten/"}
    assert urls(menu_for(user, "/")) & coordinator_only == set()


@pytest.mark.parametrize("role", ["wethouder", "coach", "sponsor", "coordinator", "superuser"])
def test_every_link_in_a_menu_opens_for_its_role(role, request, client_for):
    user = request.getfixturevalue(role)
    client = client_for(user)
    refused = {url: client.get(url).status_code for url in sorted(urls(menu_for(user, "/")))}
    assert {url: status for url, status in refused.items() if status != 200} == {}


def test_the_most_specific_link_is_current_and_home_only_on_home(coordinator, coach):
    def current(user, path):
        return [link.url for link in _links(menu_for(user, path)) if link.current]

    assert current(coordinator, "/") == ["/"]
    assert current(coordinator, "/coaching/pool/import/") == ["/coaching/pool/import/"]
    assert current(coordinator, "/coaching/pool/12/") == ["/coaching/pool/"]
    assert current(coordinator, "/coaching/trajecten/12/") == ["/coaching/trajecten/"]
    assert current(coach, "/coaching/matches/mijn/") == ["/coaching/matches/mijn/"]
    assert current(coordinator, "/accounts/email/") == []
    assert menu_for(UserFactory.build(is_superuser=True, role=""), "/")[1].links[0].url == "/intake/werklijst/"


def test_the_group_of_the_current_page_is_marked(coordinator):
    menu = menu_for(coordinator, "/cockpit/prognose/")
    assert [entry.label for entry in menu if isinstance(entry, NavGroup) and entry.current] == ["Rapportage"]
    assert [entry.url for entry in menu if not isinstance(entry, NavGroup) and entry.current] == []


def _links(menu):
    return [link for entry in menu for link in (entry.links if isinstance(entry, NavGroup) else [entry])]


def header(response) -> str:
    page = response.content.decode()
    return page.split('<ul class="navbar-nav', 1)[1].split('<div class="d-flex', 1)[0]


def test_the_header_renders_the_groups_as_dropdowns_with_the_current_page_marked(coordinator, client_for):
    response = client_for(coordinator).get(reverse("cockpit:forecast"))
    nav = header(response)
    toggles = re.findall(r'<button class="nav-link dropdown-toggle( active)?"[^>]*>([^<]+)</button>', nav)
    assert toggles == [
        ("", "Aanmeldingen"),
        ("", "Matches"),
        ("", "Trajecten"),
        ("", "Pool"),
        (" active", "Rapportage"),
        ("", "Beheer"),
    ]
    assert re.findall(r'<a class="dropdown-item active" href="([^"]+)" aria-current="page">', nav) == [
        "/cockpit/prognose/"
    ]
    assert nav.count('aria-current="page"') == 1
    assert 'class="navbar navbar-expand-xl"' in response.content.decode()
    assert "flex-wrap" not in nav


def test_a_flat_menu_marks_its_current_link(wethouder, client_for):
    nav = header(client_for(wethouder).get(reverse("notifications:settings")))
    assert re.findall(r'<a class="nav-link active" href="([^"]+)" aria-current="page">', nav) == ["/meldingen/"]
    assert "dropdown-toggle" not in nav


def test_anonymous_visitors_get_no_menu(client, db):
    assert menu_for(AnonymousUser(), "/") == []
    assert "nav-link" not in header(client.get("/"))


def test_every_sideways_scrolling_table_can_be_reached_by_keyboard_and_is_named():
    """axe's "scrollable-region-focusable": a `.table-responsive` that scrolls on a phone must take
    the focus, and a focusable region needs a name."""
    unnamed = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for tag in re.findall(r'<div class="table-responsive[^"]*"[^>]*>', template.read_text()):
            if not ('tabindex="0"' in tag and 'role="region"' in tag and "aria-label" in tag):
                unnamed.append(f"{template.name}: {tag}")
    assert unnamed == []


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
