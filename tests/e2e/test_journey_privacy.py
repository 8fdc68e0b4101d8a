"""Journey 4: a wethouder reads the statements, finds the account page in the user menu, looks at
their data and asks for erasure; a coordinator carries it out; a privacy officer reads the audit
trail. Every page checked with axe-core."""

from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.privacy.tests.factories import privacy_officer
from bestuurderspool.privacy.tests.history import CANARIES, full_history
from tests.e2e.conftest import follow_menu, sign_in, sign_out


def test_statements_rights_erasure_and_the_audit_trail(new_page, a11y):
    coach = with_totp(UserFactory(role="coach", first_name="Henk"))
    wethouder = UserFactory(role="wethouder", first_name="Joris", last_name="Smit")
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva"))
    full_history(coach, wethouder, coordinator)

    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="Toegankelijkheidsverklaring").click()
    expect(page.locator("h1")).to_have_text("Toegankelijkheidsverklaring")
    a11y.check(page, "accessibility statement")
    page.get_by_role("link", name="Privacyverklaring").click()
    expect(page.get_by_text("Autoriteit Persoonsgegevens")).to_be_visible()
    a11y.check(page, "privacy statement")

    sign_in(page, wethouder)
    page.get_by_test_id("current-user").click()
    page.locator("header .dropdown-menu").get_by_role("link", name="Account").click()
    expect(page.locator("h1")).to_have_text("Mijn account")
    a11y.check(page, "account page")
    page.get_by_role("link", name="Mijn gegevens bekijken").click()
    expect(page.get_by_text(CANARIES["shared_summary"])).to_be_visible()
    expect(page.get_by_text(CANARIES["private_notes"])).to_have_count(0)
    a11y.check(page, "my data")
    page.go_back()
    erase = page.locator("form[action$='/verwijderen/']")
    erase.get_by_label("Ik begrijp wat dit doet").check()
    erase.get_by_role("button", name="Verwijdering aanvragen").click()
    expect(page.get_by_text("Uw verzoek is ontvangen.").first).to_be_visible()
    a11y.check(page, "account page after the request")
    sign_out(page)

    sign_in(page, coordinator)
    follow_menu(page, "Beheer", "Verwijderverzoeken")
    a11y.check(page, "erasure requests")
    page.get_by_label("Ik begrijp wat dit doet").check()
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_text("De persoonsgegevens zijn verwijderd.")).to_be_visible()
    sign_out(page)

    sign_in(page, privacy_officer(first_name="Pia"))
    page.goto("/mijn-account/audit/?start=2026-06-30&end=2026-06-01")
    expect(page.get_by_text("De einddatum ligt vóór de begindatum.")).to_be_visible()
    a11y.check(page, "audit trail with a filter error")
    page.goto("/mijn-account/audit/?action=erased")
    expect(page.locator("tbody tr")).to_have_count(1)
    a11y.check(page, "audit trail")
