"""End-to-end journeys in Debian's Chromium, driven by Playwright against pytest-django's
live server. A missing browser fails the run: these tests are never skipped."""

import os
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _e2e_database(transactional_db):
    """The live server runs in other threads: data must be committed for it to see it, and every
    connection closed afterwards so the test database can be dropped."""
    yield
    connections.close_all()


@pytest.fixture(scope="package")
def browser():
    """One browser for the journeys, closed after the last of them: while Playwright's sync API
    runs, connections opened by later (non-browser) tests would live in its greenlet's context,
    out of reach of the test database's teardown."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium (Debian's chromium).")
    # Playwright's sync API switches greenlets, each with its own context: a connection opened
    # before it starts would be out of Django's reach afterwards and keep the test database open.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """`new_page()` opens a fresh browser context (no cookies), as a person opening the portal."""
    contexts = []

    def open_page(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


class A11y:
    """Runs axe-core on the current page, at phone and desktop width, and collects violations."""

    def __init__(self):
        self.axe = Axe()
        self.checked: list[str] = []

    def check(self, page, label: str) -> None:
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = results.response["violations"]
            assert violations == [], f"{label} @ {viewport['width']}px: {results.generate_report()}"
            if viewport is PHONE:
                assert_no_sideways_scroll(page, label)
        page.set_viewport_size(DESKTOP)
        self.checked.append(label)


#: The elements wider than the screen, for the message when a page scrolls sideways.
_TOO_WIDE = """() => [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)"""


def assert_no_sideways_scroll(page, label: str) -> None:
    """Nothing on a phone-wide page makes it scroll sideways."""
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{label} scrolls sideways at {width[1]}px ({width[0]}px): {page.evaluate(_TOO_WIDE)}"


@pytest.fixture
def a11y():
    return A11y()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


#: The last code typed per TOTP secret: the portal accepts a code once, so a person signing in
#: again within the same half minute waits for the next one.
_USED_CODES: dict[str, str] = {}


def _fresh_code(secret: str) -> str:
    from allauth.mfa import app_settings

    from bestuurderspool.accounts.tests.factories import totp_code

    code = totp_code(secret)
    if _USED_CODES.get(secret) == code:
        period = app_settings.TOTP_PERIOD
        time.sleep(period - time.time() % period + 0.05)
        code = totp_code(secret)
    _USED_CODES[secret] = code
    return code


def sign_in(page, user, a11y=None) -> None:
    """Sign in through the portal's own pages: email and password, then the TOTP code for
    coaches and coordinators (their authenticator app, here computed from the secret)."""
    from bestuurderspool.accounts.tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    secret = getattr(user, "totp_secret", None)
    if secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        if a11y:
            a11y.check(page, "TOTP step of signing in")
        page.locator("#id_code").fill(_fresh_code(secret))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


def expect_error_summary(page, text: str) -> None:
    """A form came back with errors: the summary at its top has the focus, in sight, and links
    to the field whose error says `text`."""
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("heading")).to_have_text("Er is een probleem")
    expect(summary.get_by_role("link").filter(has_text=text)).to_have_count(1)


def confirm(page, a11y=None, label: str = "confirmation step") -> None:
    """The confirmation step of a consequential action: read what happens, then confirm."""
    page.get_by_test_id("confirmation").wait_for()
    if a11y:
        a11y.check(page, label)
    page.locator("main form button[name=confirmed]").click()
    page.wait_for_load_state()


def follow_menu(page, group: str | None, item: str) -> None:
    """Follow a link of the main navigation as a person would: on a narrow screen open the menu
    behind the toggler first, then open the group `group` (None: a link outside the groups) and
    click `item`."""
    nav = page.locator("#main-nav")
    toggler = page.locator("header .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(nav).to_be_visible()
    if group is not None:
        nav = nav.locator("li.dropdown").filter(has=page.get_by_role("button", name=group, exact=True))
        toggle = nav.get_by_role("button")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    with page.expect_navigation():
        nav.get_by_role("link", name=item, exact=True).click()


def sign_out(page) -> None:
    """Through the user menu in the header, as a person would."""
    page.get_by_test_id("current-user").click()
    page.locator("header .dropdown-menu form[action$='/logout/'] button").click()
    page.locator("header a[href='/accounts/login/']").wait_for()
