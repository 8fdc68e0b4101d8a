import pytest

from bestuurderspool.accounts.middleware import MFA_SETUP_URL_NAMES
from bestuurderspool.accounts.tests.factories import PASSWORD, UserFactory, totp_code, with_totp
from bestuurderspool.tests.urlwalk import walk


@pytest.mark.parametrize("role", ["coordinator", "coach"])
def test_user_without_mfa_is_sent_to_setup_from_every_url(client, db, role):
    user = UserFactory(role=role)
    client.force_login(user)
    checked = 0
    for route in walk():
        if route.name in MFA_SETUP_URL_NAMES or route.path.startswith("/accounts/"):
            continue
        response = client.get(route.path)
        assert response.status_code == 302, route
        assert response["Location"] == "/accounts/2fa/totp/activate/", route
        checked += 1
    assert checked > 20


def test_superuser_without_mfa_is_sent_to_setup_even_for_the_admin(client, db):
    user = UserFactory(role="coordinator", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_wethouder_needs_no_mfa(client, wethouder):
    client.force_login(wethouder)
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "home/wethouder.html"


def test_sponsor_needs_no_mfa(client, sponsor):
    """A sponsor reads one assignment they were asked to sponsor, as a wethouder reads their own."""
    client.force_login(sponsor)
    response = client.get("/")
    assert (response.status_code, response.templates[0].name) == (200, "home/sponsor.html")


def test_mfa_setup_page_itself_is_reachable_right_after_login(client, db):
    user = UserFactory(role="coordinator")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    # allauth asks for the password once more before binding an authenticator to the account.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "Activeer authenticator-app" in response.content.decode()


def _password_step(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_login_with_valid_totp_code_reaches_coordinator_home(client, coordinator):
    _password_step(client, coordinator)
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(coordinator.totp_secret)})
    assert response["Location"] == "/"
    assert client.get("/").templates[0].name == "home/coordinator.html"


def test_login_with_wrong_totp_code_shows_dutch_error(client, coordinator):
    _password_step(client, coordinator)
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Ongeldige code" in response.content.decode()
    assert client.get("/").templates[0].name == "home/landing.html"


def test_login_with_reused_totp_code_is_refused(client, db):
    coordinator = with_totp(UserFactory(role="coordinator"))
    code = totp_code(coordinator.totp_secret)
    _password_step(client, coordinator)
    assert client.post("/accounts/2fa/authenticate/", {"code": code})["Location"] == "/"
    client.logout()
    _password_step(client, coordinator)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert "Ongeldige code" in response.content.decode()


@pytest.mark.parametrize(("second", "waits"), [(0.0, False), (23.9, False), (24.1, True), (29.9, True)])
def test_a_code_read_at_the_end_of_its_period_is_the_next_one(monkeypatch, second, waits):
    """The sign-in helper reads a code as a person does: one about to expire, they wait out."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from bestuurderspool.accounts.tests import factories

    clock = [1_800_000_000 + second]  # a multiple of 30 plus `second`
    monkeypatch.setattr(factories.time, "time", lambda: clock[0])
    monkeypatch.setattr(factories.time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    secret = "JBSWY3DPEHPK3PXP"
    counter = 1_800_000_000 // 30 + waits
    assert factories.totp_code(secret) == format_hotp_value(hotp_value(secret, counter))
