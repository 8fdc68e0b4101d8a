"""The coordinator's main navigation: grouped in dropdowns on one line at desktop width, behind
the toggler on a phone, usable by keyboard, with the page you are on and its group marked."""

from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import MatchFactory
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, assert_no_sideways_scroll, follow_menu, sign_in

#: One link per group, with the address of the page it opens.
ONE_LINK_PER_GROUP = [
    ("Aanmeldingen", "Intakes", "/intake/werklijst/"),
    ("Matches", "Matches", "/coaching/matches/"),
    ("Trajecten", "Trajecten", "/coaching/trajecten/"),
    ("Pool", "Coachpool", "/coaching/pool/"),
    ("Rapportage", "Exports", "/coaching/rapportage/"),
    ("Beheer", "Verwijderverzoeken", "/mijn-account/verwijderverzoeken/"),
]

#: The tops of the header's top-level items: one value when they share one line.
ROW_TOPS = """() => [...new Set([...document.querySelectorAll(
    "#main-nav > .navbar-nav > .nav-item, .navbar-brand, [data-testid=current-user]"
)].map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)))]"""

#: How far the user menu reaches past the header's container (nothing when it fits).
OVERRUN = """() => document.querySelector("[data-testid=current-user]").getBoundingClientRect().right
    - document.querySelector(".navbar > .container").getBoundingClientRect().right
    + parseFloat(getComputedStyle(document.querySelector(".navbar > .container")).paddingRight)"""


def test_coordinator_finds_every_group_on_one_line_and_follows_a_link_of_each(new_page, a11y):
    # A long name is cut short in the user menu's button, so the header still fits.
    coordinator = with_totp(
        UserFactory(role="coordinator", first_name="Annemarie", last_name="van den Heuvel-Schoonhoven")
    )
    MatchFactory.create_batch(2)
    page = new_page(DESKTOP)
    sign_in(page, coordinator)
    nav = page.locator("#main-nav")
    expect(page.locator("header .navbar-toggler")).to_be_hidden()
    expect(nav.locator(".navbar-nav .dropdown-toggle")).to_have_text(
        [group for group, _item, _path in ONE_LINK_PER_GROUP]
    )
    assert len(page.evaluate(ROW_TOPS)) == 1, "the header wraps onto a second line at 1280 px"
    assert page.evaluate(OVERRUN) <= 0, "the user menu sticks out of the header at 1280 px"
    page.get_by_test_id("current-user").click()
    expect(page.locator("header .user-menu-who")).to_have_text("Annemarie van den Heuvel-Schoonhoven · Coördinator")
    page.keyboard.press("Escape")

    for group, item, path in ONE_LINK_PER_GROUP:
        follow_menu(page, group, item)
        assert page.url.endswith(path)
        expect(nav.locator(".navbar-nav .dropdown-toggle.active")).to_have_text([group])
        expect(nav.locator("[aria-current=page]")).to_have_count(1)
        expect(nav.locator(".dropdown-item[aria-current=page]")).to_have_text(item)
        a11y.check(page, f"{group} › {item}")
    nav.get_by_role("button", name="Pool", exact=True).click()
    expect(nav.get_by_role("link", name="Gewichten van de matching")).to_be_visible()
    page.locator("header").screenshot(path=str(SCREENSHOTS / "main-navigation.png"))
    a11y.check(page, "the Pool group opened")


def test_the_groups_open_and_are_followed_by_keyboard(new_page):
    coordinator = with_totp(UserFactory(role="coordinator"))
    page = new_page(DESKTOP)
    sign_in(page, coordinator)
    nav = page.locator("#main-nav")
    toggle = nav.get_by_role("button", name="Rapportage", exact=True)
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(nav.get_by_role("link", name="Vraag en aanbod", exact=True)).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(nav.get_by_role("link", name="Prognose", exact=True)).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/cockpit/prognose/")


def test_on_a_phone_the_menu_opens_behind_the_toggler(new_page, a11y):
    coordinator = with_totp(UserFactory(role="coordinator"))
    MatchFactory.create_batch(2)
    page = new_page(PHONE)
    sign_in(page, coordinator)
    nav = page.locator("#main-nav")
    toggler = page.locator("header .navbar-toggler")
    expect(nav).to_be_hidden()
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("button", name="Matches", exact=True).click()
    expect(nav.get_by_role("link", name="Matchinggolf", exact=True)).to_be_visible()
    assert_no_sideways_scroll(page, "the menu opened on a phone")
    with page.expect_navigation():
        nav.get_by_role("link", name="Matches", exact=True).click()
    assert page.url.endswith("/coaching/matches/")
    expect(nav).to_be_hidden()
    follow_menu(page, "Trajecten", "Groepstrajecten")
    assert page.url.endswith("/groepstrajecten/")
    toggler.click()
    expect(nav.locator(".navbar-nav .dropdown-toggle.active")).to_have_text(["Trajecten"])
    a11y.check(page, "group tracks with the menu opened on a phone")
    page.goto("/coaching/matches/")
    a11y.check(page, "the match list")
