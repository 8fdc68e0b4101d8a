"""Every URL needs a signed-in user, except this short list, each with its reason."""

import pytest

from bestuurderspool.tests.urlwalk import is_public, walk

PUBLIC_URL_NAMES = {
    "home": "the landing page for visitors; signed-in users get their role's home",
    "privacy": "the privacy statement must be readable before consenting",
    "accessibility": "the accessibility statement is for everyone, as the law requires",
    "health": "load balancers and monitoring probe it without an account",
    "favicon": "browsers ask for the icon of the tab on their own, signed in or not",
    "apple_touch_icon": "iOS asks for the home-screen icon on its own",
    "apple_touch_icon_precomposed": "iOS asks for the home-screen icon on its own",
    "set_language": "visitors choose Dutch or English before signing in",
    "accept_invitation": "an invited coach or coordinator sets a first password with the emailed link",
    "login": "the admin's login, which sends everyone to the portal's own login",
    # allauth: signing up, in and out, email verification, password reset, the TOTP step of login
    "account_signup": "sign-up",
    "account_login": "sign-in",
    "account_logout": "sign-out",
    "account_inactive": "shown to a deactivated account at sign-in",
    "account_email_verification_sent": "shown after sign-up",
    "account_confirm_email": "the email verification link",
    "account_confirm_login_code": "a stage of signing in",
    "account_reset_password": "password reset",
    "account_reset_password_done": "password reset",
    "account_reset_password_from_key": "the password reset link",
    "account_reset_password_from_key_done": "password reset",
    "mfa_authenticate": "the TOTP step of signing in",
    # Only with DEBUG on and from this machine; 404 otherwise (bestuurderspool/devmail).
    "dev_mail": "development: the mail the local portal sent, read before anyone can sign in",
    "dev_mail_detail": "development: one sent mail, e.g. the sign-up verification link",
    "dev_mail_html": "development: the HTML version of one sent mail",
    "calendar_feed": "calendar apps fetch the private feed without signing in; the secret token is the credential",
}


def test_only_justified_urls_are_public():
    public = {route.name for route in walk() if is_public(route.callback)}
    unexpected = public - set(PUBLIC_URL_NAMES)
    assert unexpected == set()


@pytest.mark.django_db
def test_every_other_url_redirects_anonymous_visitors_to_login(client):
    checked = 0
    for route in walk():
        if is_public(route.callback) or route.path.startswith("/admin/"):
            continue
        response = client.get(route.path)
        assert response.status_code == 302, route
        assert response["Location"].startswith("/accounts/login/"), route
        checked += 1
    assert checked > 5


@pytest.mark.django_db
def test_admin_sends_anonymous_visitors_to_the_portal_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or "/admin/login/" in response["Location"]
    follow = client.get(response["Location"])
    assert follow.status_code in (200, 302)
