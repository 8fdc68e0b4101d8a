"""A newcomer's `make run`: the mail the portal sent is read in the browser at /dev/mail/,
rendered, and its link opens the portal in the same window."""

from playwright.sync_api import expect

from bestuurderspool.accounts.services import invite_user
from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from tests.e2e.conftest import screenshot


def test_dev_mail_shows_the_invitation_and_its_link_works(new_page, a11y, live_server, settings, tmp_path):
    settings.DEBUG = True
    settings.PORTAL_URL = live_server.url
    settings.MAILERS = {
        "default": {"BACKEND": "bestuurderspool.devmail.backend.EmailBackend", "OPTIONS": {"directory": str(tmp_path)}}
    }
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva"))
    invite_user("wim@example.nl", role="coach", first_name="Wim", last_name="Oud", by=coordinator)

    page = new_page()
    page.goto("/dev/mail/")
    a11y.check(page, "sent mail (development)")
    page.get_by_role("link", name="Uw uitnodiging voor de Bestuurderspool").click()
    expect(page.get_by_test_id("dev-mail-text")).to_contain_text("/uitnodiging/")
    a11y.check(page, "one sent mail (development)")
    screenshot(page, "dev-mail")
    page.frame_locator("iframe").get_by_role("link", name="Stel uw wachtwoord in").click()
    page.wait_for_url("**/uitnodiging/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel uw wachtwoord in")
