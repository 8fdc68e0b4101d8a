"""The account page, linked from the user menu: sign-in settings for everyone, the data rights
for wethouders, the privacy work for coordinators and privacy officers."""

import pytest
from django.urls import reverse

from .factories import privacy_officer

pytestmark = pytest.mark.django_db
URL = reverse("privacy:account")


def links(response) -> set[str]:
    body = response.content.decode()
    candidates = {
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("privacy:data_download"),
        reverse("privacy:data_download_json"),
        reverse("privacy:erasure_request"),
        reverse("privacy:consent_withdraw"),
        reverse("privacy:erasure_list"),
        reverse("privacy:audit_trail"),
    }
    return {url for url in candidates if f'"{url}"' in body}


SIGN_IN = {"/accounts/password/change/", "/accounts/2fa/"}
RIGHTS = {"/mijn-account/gegevens/", "/mijn-account/gegevens.json", "/mijn-account/verwijderen/"}
RIGHTS |= {"/mijn-account/toestemming-intrekken/"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("wethouder", SIGN_IN | RIGHTS),
        ("coach", SIGN_IN),
        ("coordinator", SIGN_IN | {"/mijn-account/verwijderverzoeken/"}),
    ],
)
def test_each_role_sees_what_is_theirs(request, client_for, persona, expected):
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert links(response) == expected


def test_a_privacy_officer_finds_the_audit_trail(client_for):
    assert "/mijn-account/audit/" in links(client_for(privacy_officer()).get(URL))


def test_the_user_menu_leads_here(client_for, wethouder):
    assert f'href="{URL}"' in client_for(wethouder).get(reverse("home")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))
