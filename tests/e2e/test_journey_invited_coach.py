"""Journey 4: a coordinator invites a coach through the portal; the coach follows the link in the
mail, sets a password and sets up the authenticator app with the browser's own requests (the
tab's icon, a second tab, a reload) allowed, saves the recovery codes and lands on the page they
came for."""

import re

from django.core import mail
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, totp_code, with_totp
from tests.e2e.conftest import follow_menu, screenshot, sign_in, sign_out

NEW_PASSWORD = "een-lange-zin-als-wachtwoord"


def invitation_link(live_server_url: str) -> str:
    (message,) = mail.outbox
    (link,) = re.findall(r"http\S+/uitnodiging/\S+/", message.body)
    assert link.startswith(live_server_url)
    return link


def browser_fetches_favicon_ico(page) -> None:
    """The request a browser makes on its own for a page without icon links: /favicon.ico as
    an image. It must lead to the icon, not to the set-up page (which it used to load behind
    the user's back, replacing the secret on screen)."""
    with page.expect_response(lambda response: "/favicon.ico?" in response.url) as icon:
        page.evaluate(
            "() => { const link = document.createElement('link'); link.rel = 'icon';"
            " link.href = '/favicon.ico?' + Date.now(); document.head.append(link); }"
        )
    assert icon.value.status == 302
    assert icon.value.headers["location"] == "/static/bestuurderspool/icons/favicon.ico"


def test_invited_coach_sets_password_and_totp_and_returns_to_their_page(new_page, a11y, live_server, settings):
    settings.PORTAL_URL = live_server.url
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva"))
    page = new_page()
    sign_in(page, coordinator)
    follow_menu(page, "Aanmeldingen", "Uitnodigingen")
    page.locator("#id_first_name").fill("Wim")
    page.locator("#id_last_name").fill("Oudshoorn")
    page.locator("#id_email").fill("wim.oudshoorn@example.nl")
    page.locator("#id_role").select_option("coach")
    a11y.check(page, "invite a coach")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("Uitnodiging verstuurd naar wim.oudshoorn@example.nl.")).to_be_visible()
    sign_out(page)

    coach_page = new_page()
    coach_page.goto(invitation_link(live_server.url))
    a11y.check(coach_page, "set your password")
    coach_page.locator("#id_password1").fill(NEW_PASSWORD)
    coach_page.locator("#id_password2").fill(NEW_PASSWORD)
    coach_page.get_by_role("button", name="Wachtwoord instellen").click()

    # allauth asks for the password again before an authenticator is bound to the account.
    coach_page.wait_for_url("**/accounts/reauthenticate/**")
    a11y.check(coach_page, "confirm your password")
    coach_page.locator("#id_password").fill(NEW_PASSWORD)
    coach_page.locator("main form button[type=submit]").first.click()
    coach_page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = coach_page.locator("#authenticator_secret").input_value()

    # The coach opens the page a mail pointed at; it waits until the app is set up.
    coach_page.goto("/coaching/matches/mijn/")
    coach_page.wait_for_url("**/accounts/2fa/totp/activate/")
    a11y.check(coach_page, "set up the authenticator app")
    screenshot(coach_page, "totp-setup")
    # What a browser does on its own, and what a person might: the tab's icon, a second tab, a reload.
    browser_fetches_favicon_ico(coach_page)
    second_tab = coach_page.context.new_page()
    second_tab.goto("/accounts/2fa/totp/activate/")
    assert second_tab.locator("#authenticator_secret").input_value() == secret
    second_tab.close()
    coach_page.reload()
    assert coach_page.locator("#authenticator_secret").input_value() == secret

    coach_page.locator("#id_code").fill(totp_code(secret))
    coach_page.locator("main form button[type=submit]").first.click()
    coach_page.wait_for_url("**/accounts/2fa/recovery-codes/")
    expect(coach_page.locator("#recovery_codes")).to_be_visible()
    a11y.check(coach_page, "recovery codes")
    coach_page.get_by_test_id("mfa-continue").click()
    coach_page.wait_for_url("**/coaching/matches/mijn/")
    a11y.check(coach_page, "the page the coach came for")
