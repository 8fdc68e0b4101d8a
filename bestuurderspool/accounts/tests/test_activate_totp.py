"""Setting up the authenticator app: the secret on screen stays the one the portal checks,
whatever else the browser asks for, and the user ends on the page they came for."""

import pytest
from allauth.mfa.models import Authenticator

from bestuurderspool.accounts.middleware import MFA_SETUP_NEXT_SESSION_KEY
from bestuurderspool.accounts.tests.factories import PASSWORD, UserFactory, totp_code

ACTIVATE = "/accounts/2fa/totp/activate/"
#: What Chromium sends for the icon in the tab and for a page the user opens.
FAVICON_HEADERS = {"Accept": "image/avif,image/webp,image/svg+xml,image/*,*/*;q=0.8", "Sec-Fetch-Dest": "image"}
PAGE_HEADERS = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Sec-Fetch-Dest": "document"}


@pytest.fixture
def newcomer(client, db):
    """A coordinator signed in with a password, not yet with an authenticator app."""
    user = UserFactory(role="coordinator")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return user


def shown_secret(client) -> str:
    response = client.get(ACTIVATE, headers=PAGE_HEADERS)
    assert response.status_code == 200
    return response.context["form"].secret


def browser_fetches_the_icon(client) -> None:
    """As Chromium does for the tab: ask for /favicon.ico and follow a redirect to a page."""
    location = client.get("/favicon.ico", headers=FAVICON_HEADERS)["Location"]
    if not location.startswith("/static/"):
        client.get(location, headers=FAVICON_HEADERS)


def test_activate_totp_secret_survives_the_browsers_favicon_request(client, newcomer):
    secret = shown_secret(client)
    browser_fetches_the_icon(client)
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).count() == 1


def test_activate_totp_secret_survives_a_reload_and_a_second_tab(client, newcomer):
    secret = shown_secret(client)
    assert shown_secret(client) == secret
    assert shown_secret(client) == secret
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"


def test_activate_totp_wrong_code_keeps_the_secret_and_says_so(client, newcomer):
    secret = shown_secret(client)
    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert "Ongeldige code" in response.content.decode()
    assert response.context["form"].secret == secret
    assert not Authenticator.objects.filter(user=newcomer).exists()


def test_activate_totp_next_set_up_gets_a_new_secret(client, newcomer):
    """Once activated the pending secret is gone: it is never reused for another set-up."""
    secret = shown_secret(client)
    client.post(ACTIVATE, {"code": totp_code(secret)})
    assert "mfa.totp.secret" not in client.session


def test_favicon_answers_without_sign_in(client, db):
    response = client.get("/favicon.ico", headers=FAVICON_HEADERS)
    assert response.status_code == 302
    assert response["Location"] == "/static/bestuurderspool/icons/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
    icon.close()


def test_favicon_is_not_sent_to_totp_set_up(client, newcomer):
    response = client.get("/favicon.ico", headers=FAVICON_HEADERS)
    assert response["Location"] == "/static/bestuurderspool/icons/favicon.ico"


def test_unknown_address_is_not_sent_to_totp_set_up(client, newcomer):
    response = client.get("/wp-login.php", headers=PAGE_HEADERS)
    assert response.status_code == 404


def test_non_page_request_to_a_protected_url_is_refused_not_redirected(client, newcomer):
    response = client.get("/coaching/agenda/", headers=FAVICON_HEADERS)
    assert response.status_code == 403
    response = client.post("/coaching/pool/toevoegen/", {"email": "x@example.nl"})
    assert response.status_code == 403


def test_page_request_is_sent_to_totp_set_up(client, newcomer):
    response = client.get("/coaching/pool/", headers=PAGE_HEADERS)
    assert response["Location"] == ACTIVATE


def test_activate_totp_continue_returns_to_the_page_they_came_for(client, newcomer):
    client.get("/coaching/pool/?status=active", headers=PAGE_HEADERS)
    browser_fetches_the_icon(client)
    secret = shown_secret(client)
    response = client.post(ACTIVATE, {"code": totp_code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/recovery-codes/"
    assert 'href="/accounts/2fa/verder/"' in response.content.decode()
    response = client.get("/accounts/2fa/verder/")
    assert response["Location"] == "/coaching/pool/?status=active"
    assert client.get(response["Location"]).status_code == 200


def test_activate_totp_continue_without_a_page_goes_home(client, newcomer):
    client.post(ACTIVATE, {"code": totp_code(shown_secret(client))})
    assert client.get("/accounts/2fa/verder/")["Location"] == "/"


@pytest.mark.parametrize("persona", ["wethouder", "coach", "coordinator"])
def test_activate_totp_continue_for_other_roles_goes_home(client, request, db, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/accounts/2fa/verder/")["Location"] == "/"


def test_activate_totp_continue_anonymous_is_sent_to_login(client, db):
    assert client.get("/accounts/2fa/verder/")["Location"].startswith("/accounts/login/")


def test_activate_totp_continue_never_leaves_the_portal(client, coordinator):
    client.force_login(coordinator)
    session = client.session
    session[MFA_SETUP_NEXT_SESSION_KEY] = "https://elders.example.com/"
    session.save()
    assert client.get("/accounts/2fa/verder/")["Location"] == "/"
