import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from bestuurderspool.accounts.models import Invitation, User
from bestuurderspool.accounts.services import create_invitation, invite_user

FORM = {"first_name": "Gerrit", "last_name": "Oudbestuurder", "email": "gerrit@example.nl", "role": "coach"}


def invitation_link(message) -> str:
    return re.search(r"http://testserver(/uitnodiging/[^\s]+/)", message.body).group(1)


def test_invitation_flow_end_to_end(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uitnodigingen/", FORM)
    assert response["Location"] == "/uitnodigingen/"
    assert [m.to for m in mail.outbox] == [["gerrit@example.nl"]]
    assert mail.outbox[0].subject == "[Bestuurderspool] Uw uitnodiging voor de Bestuurderspool"
    link = invitation_link(mail.outbox[0])

    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(link, {"password1": "wachtwoord-voor-gerrit", "password2": "wachtwoord-voor-gerrit"})
    assert response["Location"] == "/"
    gerrit = User.objects.get(email="gerrit@example.nl")
    assert (gerrit.role, gerrit.has_usable_password()) == ("coach", True)
    assert gerrit.emailaddress_set.get().verified is True
    # A coach must set up two-factor authentication before anything else, right away.
    assert client.get("/")["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauthenticate/")
    # The link works once.
    client.logout()
    assert client.get(link).status_code == 410


def test_weak_password_gets_dutch_message_and_keeps_the_link_valid(client, coordinator):
    invitation = invite_user("h@example.nl", role="coach", first_name="H", last_name="K", by=coordinator)
    from bestuurderspool.accounts.tokens import make_invitation_token

    link = f"/uitnodiging/{make_invitation_token(invitation)}/"
    response = client.post(link, {"password1": "12345", "password2": "12345"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_expired_invitation_shows_dutch_message(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/uitnodigingen/", FORM)
    link = invitation_link(mail.outbox[0])
    client.logout()
    with time_machine.travel("2099-01-01"):
        response = client.get(link)
    assert response.status_code == 410
    assert "Vraag een coördinator" in response.content.decode()


def test_forged_link_is_refused(client, coordinator):
    invitation = invite_user("i@example.nl", role="coach", first_name="I", last_name="K", by=coordinator)
    response = client.get(f"/uitnodiging/{invitation.pk}-{'0' * 64}/")
    assert response.status_code == 410


def test_reinviting_revokes_the_earlier_link(coordinator):
    first = invite_user("j@example.nl", role="coach", first_name="J", last_name="K", by=coordinator)
    second = invite_user("j@example.nl", role="coach", first_name="J", last_name="K", by=coordinator)
    first.refresh_from_db()
    assert (first.is_usable, second.is_usable) == (False, True)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("geen-adres", "Voer een geldig e-mailadres in."),
        ("anna.wethouder@example.nl", "heeft al een account"),
    ],
)
def test_bad_email_gets_dutch_message_and_keeps_input(client, coordinator, wethouder, email, message):
    client.force_login(coordinator)
    response = client.post("/uitnodigingen/", {**FORM, "email": email})
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert 'value="Gerrit"' in content
    assert Invitation.objects.count() == 0


def test_sponsors_are_not_invited_from_the_invitations_page(client, coordinator):
    """A sponsor is invited where they are appointed, with the assignment they sponsor."""
    client.force_login(coordinator)
    response = client.post("/uitnodigingen/", {**FORM, "role": "sponsor"})
    assert list(response.context["form"].errors) == ["role"]
    with pytest.raises(ValidationError):
        invite_user("k@example.nl", role="sponsor", first_name="K", last_name="L", by=coordinator)
    assert Invitation.objects.count() == 0


def test_create_invitation_leaves_the_mail_to_the_caller(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = create_invitation("k@example.nl", role="sponsor", first_name="K", last_name="L", by=coordinator)
    assert (callbacks, mail.outbox) == ([], [])
    user = invitation.user
    assert (user.role, user.has_usable_password(), invitation.is_usable) == ("sponsor", False, True)


@pytest.mark.parametrize("persona", ["wethouder", "coach", "sponsor"])
def test_only_coordinators_invite(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post("/uitnodigingen/", FORM).status_code == 403
    assert Invitation.objects.count() == 0


def test_anonymous_cannot_invite(client, db):
    response = client.post("/uitnodigingen/", FORM)
    assert response["Location"].startswith("/accounts/login/")
    assert Invitation.objects.count() == 0
