"""A coordinator adds someone without an account to a year programme: they get a wethouder
account without a password and an invitation naming the programme; after setting a password
they find the programme on their home. The name is needed for someone new; an address of
another role is refused on the field; only coordinators add participants."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from bestuurderspool.accounts.models import Invitation, User
from bestuurderspool.accounts.tests.factories import UserFactory
from tracks import services
from tracks.models import Application

NEW = {"email": "Sanne.Visser@almere.example.nl", "first_name": "Sanne", "last_name": "Visser"}
PASSWORD = "een-lange-zin-voor-de-deelnemer"


def _post(client, programme, **data):
    return client.post(reverse("tracks:add_participant", args=[programme.pk]), data)


def test_someone_new_is_invited_by_mail_naming_the_programme(
    programme, coordinator, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(coordinator), programme, **NEW)
    assert response.url == reverse("tracks:talks", args=[programme.pk])
    user = User.objects.get(email="sanne.visser@almere.example.nl")
    assert (user.role, user.get_full_name(), user.has_usable_password()) == ("wethouder", "Sanne Visser", False)
    application = Application.objects.get()
    assert (application.wethouder, application.state, application.municipality) == (
        user,
        "placed",
        programme.client_municipality,
    )
    assert [(i.user, i.role, i.invited_by) for i in Invitation.objects.pending()] == [(user, "wethouder", coordinator)]
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "[Bestuurderspool] U neemt deel aan Jaarprogramma Almere 2027: stel uw wachtwoord in"
    assert "heeft u toegevoegd als deelnemer van Jaarprogramma Almere 2027" in message.body
    link = re.search(r"http://testserver(/uitnodiging/\S+/)", message.body).group(1)

    client = client_for(None)
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.url == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert "Jaarprogramma Almere 2027" in home


def test_someone_new_without_a_name_is_asked_for_it_and_nothing_is_lost(programme, coordinator, client_for):
    response = _post(client_for(coordinator), programme, email=NEW["email"], first_name="Sanne", last_name="")
    assert response.status_code == 200
    form = response.context["participant_form"]
    assert form.errors["first_name"] == [
        "Er is nog geen account met dit adres: vul de naam in, dan nodigen we de persoon uit."
    ]
    assert (form["email"].value(), form["first_name"].value()) == (NEW["email"], "Sanne")
    assert not User.objects.filter(email__iexact=NEW["email"]).exists()
    assert not Application.objects.exists()


@pytest.mark.parametrize(("role", "name"), [("coach", "coach"), ("coordinator", "coördinator"), ("sponsor", "sponsor")])
def test_an_address_of_another_role_is_refused_on_the_email_field(programme, coordinator, client_for, role, name):
    other = UserFactory(role=role)
    response = _post(client_for(coordinator), programme, email=other.email, first_name="", last_name="")
    assert response.context["participant_form"].errors["email"] == [
        f"Dit e-mailadres hoort bij het account van een {name} in het portaal. Een deelnemer doet mee met een "
        "eigen account: vul een ander adres in."
    ]
    assert not Application.objects.exists()


def test_a_wethouder_with_an_account_is_added_without_an_invitation(
    programme, coordinator, wethouder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.add_participant(programme, email=wethouder.email.upper(), by=coordinator)
    assert application.wethouder == wethouder
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_adding_someone_twice_is_refused_on_the_email_field(programme, coordinator, client_for):
    client = client_for(coordinator)
    _post(client, programme, **NEW)
    response = _post(client, programme, **NEW)
    assert response.context["participant_form"].errors["email"] == ["Deze persoon doet al mee."]
    assert Application.objects.count() == 1


@pytest.mark.parametrize("persona", ["wethouder", "coach", "sponsor", None])
def test_only_coordinators_add_participants(programme, client_for, db, request, persona):
    client = client_for(request.getfixturevalue(persona) if persona else None)
    response = _post(client, programme, **NEW)
    assert response.status_code in ((403, 404) if persona else (302,))
    assert not User.objects.filter(email__iexact=NEW["email"]).exists()
