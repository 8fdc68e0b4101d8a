"""Journey 1: a new wethouder signs up, verifies the email, fills in the intake over several
steps, closes the browser halfway, comes back and submits."""

import re

from django.core import mail
from playwright.sync_api import expect

from intake.models import Intake
from tests.e2e.conftest import expect_error_summary, screenshot
from tests.e2e.viewport import assert_fits_a_phone

PASSWORD = "een-sterk-wachtwoord-2026"


def test_new_wethouder_signs_up_and_submits_the_intake(new_page, a11y):
    page = new_page()
    page.goto("/accounts/signup/")
    a11y.check(page, "signup")
    page.locator("#id_first_name").fill("Fleur")
    page.locator("#id_last_name").fill("de Wit")
    page.locator("#id_email").fill("fleur.dewit@example.nl")
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    expect_error_summary(page, "Dit wachtwoord is te kort")
    a11y.check(page, "signup with errors")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"http://[^/]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    a11y.check(page, "confirm email")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == "Welkom, Fleur"
    a11y.check(page, "wethouder home")
    assert_fits_a_phone(page, "wethouder home")
    page.get_by_role("button", name="Start uw intake").click()

    # Step 1, with a mistake first: an unknown municipality keeps what was typed.
    page.get_by_label("Gemeente").fill("Atlantis")
    page.get_by_label("Portefeuille").fill("Wonen en ruimte")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect_error_summary(page, "We kennen geen gemeente „Atlantis”")
    assert page.get_by_label("Portefeuille").input_value() == "Wonen en ruimte"
    a11y.check(page, "intake step 1 with errors")
    page.get_by_label("Een persoonlijke coach").check()
    page.get_by_label("Gemeente").fill("Den Bosch")
    page.get_by_label("Lokale partij").fill("Bosch Belang")
    page.get_by_label("Geïnstalleerd als wethouder op").fill("2026-05-01")
    page.locator("#id_first_term_1").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Publiek optreden en media").check()
    page.get_by_label("Omgaan met raad en commissies").check()
    page.get_by_label("Uw vraag in uw eigen woorden").fill("Ik wil steviger staan in de gemeenteraad.")
    a11y.check(page, "intake step 2")
    screenshot(page, "intake-step-2")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.context.close()  # the browser closes halfway

    page = new_page()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("fleur.dewit@example.nl")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Verder met stap 3").click()
    a11y.check(page, "intake step 3")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Vrouw").check()
    a11y.check(page, "intake step 4")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Ik wil graag in de praktijk geobserveerd worden").check()
    page.get_by_label("Raadsvergadering").check()
    page.get_by_label("Dinsdagavond").check()
    page.get_by_label("Online").check()
    a11y.check(page, "intake step 5")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Bosch Belang")).to_be_visible()
    page.get_by_role("button", name="Intake indienen").click()
    expect_error_summary(page, "Zonder uw toestemming kunnen wij uw intake niet verwerken.")
    a11y.check(page, "intake submit with errors")
    page.get_by_label(re.compile("Ik geef de Bestuurderspool toestemming")).check()
    page.get_by_role("button", name="Intake indienen").click()
    assert page.get_by_test_id("intake-state").inner_text() == "Ingediend"
    a11y.check(page, "intake submitted")
    screenshot(page, "intake-submitted")
    assert [m.subject for m in mail.outbox if m.to == ["fleur.dewit@example.nl"]][-1] == (
        "[Bestuurderspool] We hebben uw intake ontvangen"
    )

    # Home: where things stand and what comes next, with the expected timing.
    page.goto("/")
    expect(page.get_by_test_id("stage")).to_contain_text("We hebben uw intake ontvangen op")
    expect(page.get_by_test_id("stage")).to_contain_text("binnen vijf werkdagen contact met u op")
    a11y.check(page, "wethouder home after submitting")
    assert_fits_a_phone(page, "wethouder home after submitting")
    screenshot(page, "wethouder-home")

    intake = Intake.objects.get(wethouder__email="fleur.dewit@example.nl")
    assert (intake.state, intake.municipality.name, intake.themes) == (
        "submitted",
        "'s-Hertogenbosch",
        ["council", "media"],
    )


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until `selector` has the focus: proof that it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement !== null && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def keyboard_next(page) -> None:
    tab_to(page, "button[name=next]")
    press_enter_and_wait(page)


def test_the_intake_can_be_completed_with_the_keyboard_only(new_page):
    from bestuurderspool.accounts.tests.factories import UserFactory
    from tests.e2e.conftest import sign_in

    wethouder = UserFactory(role="wethouder", first_name="Kees", email="kees@example.nl")
    page = new_page()
    sign_in(page, wethouder)
    tab_to(page, "form[action$='/intake/start/'] button")
    press_enter_and_wait(page)

    tab_to(page, "input[name=offer][value=coach]")
    page.keyboard.press("Space")
    tab_to(page, "#id_municipality")
    page.keyboard.type("Den Haag")
    tab_to(page, "#id_portfolio")
    page.keyboard.type("Financiën")
    tab_to(page, "#id_local_party")
    page.keyboard.type("Haagse Stadspartij")
    tab_to(page, "#id_installed_on")
    page.keyboard.type("01052026")
    tab_to(page, "input[name=first_term]")
    page.keyboard.press("Space")  # the first option: yes, a first term
    keyboard_next(page)

    tab_to(page, "input[name=themes][value=media]")
    page.keyboard.press("Space")
    tab_to(page, "#id_question")
    page.keyboard.type("Omgaan met de pers.")
    keyboard_next(page)
    keyboard_next(page)  # self-reflection is optional
    keyboard_next(page)  # wishes about the coach are optional
    tab_to(page, "input[name=availability][value=mon_morning]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=meeting_places][value=online]")
    page.keyboard.press("Space")
    keyboard_next(page)

    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]:not([name])")
    press_enter_and_wait(page)
    expect(page.get_by_test_id("intake-state")).to_have_text("Ingediend")
    intake = Intake.objects.get(wethouder=wethouder)
    assert (intake.state, intake.municipality.name, intake.themes, intake.availability) == (
        "submitted",
        "'s-Gravenhage",
        ["media"],
        ["mon_morning"],
    )
