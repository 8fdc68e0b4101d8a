import re

import pytest
from django.core import mail

from bestuurderspool.accounts.models import User

SIGNUP = {
    "first_name": "Fleur",
    "last_name": "Nieuw",
    "email": "fleur@example.nl",
    "password1": "een-sterk-wachtwoord",
    "password2": "een-sterk-wachtwoord",
}


def test_signup_makes_a_wethouder_who_must_verify_first(client, db):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="fleur@example.nl")
    assert (user.role, user.first_name) == ("wethouder", "Fleur")
    assert client.get("/").templates[0].name == "home/landing.html"
    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)
    client.post(link)
    assert client.get("/").templates[0].name == "home/wethouder.html"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"password1": "kort", "password2": "kort"}, "Dit wachtwoord is te kort"),
        ({"password1": "wachtwoord", "password2": "wachtwoord"}, "Dit wachtwoord is te algemeen"),
    ],
)
def test_bad_signup_input_gets_dutch_message_and_keeps_name(client, wethouder, changes, message):
    response = client.post("/accounts/signup/", {**SIGNUP, **changes})
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert 'value="Fleur"' in content
    assert User.objects.filter(first_name="Fleur").count() == 0


def test_signup_with_a_used_email_reveals_nothing_but_mails_the_owner(client, wethouder):
    """Whether a given wethouder has an account is confidential (threats, seed 000): the form
    answers as for a new address, and the owner of the address gets the Dutch explanation."""
    response = client.post("/accounts/signup/", {**SIGNUP, "email": wethouder.email})
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email=wethouder.email).count() == 1
    assert [m.to for m in mail.outbox] == [[wethouder.email]]
    assert "Account bestaat al" in mail.outbox[0].subject
