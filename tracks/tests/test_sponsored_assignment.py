"""The year programme's sponsored assignment: the sponsor sees and comments on their
participant's assignment only; coordinators appoint the sponsor but never read the assignment."""

import pytest
from django.core import mail
from django.urls import reverse

from tracks import services
from tracks.models import Application, Assignment, AssignmentComment

from .factories import appoint


def _form(application, sponsor) -> dict:
    return {
        "application": application.pk,
        "first_name": sponsor.first_name,
        "last_name": sponsor.last_name,
        "email": sponsor.email,
        "organisation": "Gemeente Almere",
    }


def test_the_coordinator_appoints_a_sponsor_who_is_told_by_mail(
    programme, participants, coordinator, sponsor, client_for, django_capture_on_commit_callbacks
):
    url = reverse("tracks:sponsors", args=[programme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(url, _form(participants[0], sponsor))
    assert Assignment.objects.get().sponsor == sponsor
    (message,) = mail.outbox
    assert message.to == [sponsor.email]
    assert reverse("tracks:assignment", args=[participants[0].pk]) in message.body


def test_the_participant_describes_the_sponsor_reads_and_comments(
    programme, participants, wethouder, sponsor, coach, client_for, coordinator
):
    appoint(participants[0], sponsor, by=coordinator)
    url = reverse("tracks:assignment", args=[participants[0].pk])
    data = {"describe": "1", "title": "Ouderen en digitalisering", "description": "Gesprekken met ouderenorganisaties"}
    client_for(wethouder).post(url, data)
    response = client_for(sponsor).post(url, {"comment": "1", "text": "Neem ook de bibliotheek mee"})
    assert response.url == url
    page = client_for(coach).get(url)
    assert page.context["assignment"].title == "Ouderen en digitalisering"
    assert [(c.author, c.text) for c in page.context["comments"]] == [(sponsor, "Neem ook de bibliotheek mee")]
    assert client_for(sponsor).post(url, data | {"title": "Anders"}).status_code == 403
    assert Assignment.objects.get().title == "Ouderen en digitalisering"


def test_an_empty_description_is_refused_on_the_field(programme, participants, wethouder, client_for):
    url = reverse("tracks:assignment", args=[participants[0].pk])
    response = client_for(wethouder).post(url, {"describe": "1", "title": "Buurtonderhoud", "description": ""})
    assert response.context["edit_form"].errors["description"] == ["Dit veld is verplicht."]
    assert response.context["edit_form"]["title"].value() == "Buurtonderhoud"
    assert not Assignment.objects.exists()


def test_a_sponsor_sees_their_participant_only(programme, participants, sponsor, coordinator, client_for):
    appoint(participants[0], sponsor, by=coordinator)
    client = client_for(sponsor)
    other = reverse("tracks:assignment", args=[participants[1].pk])
    assert client.get(other).status_code == 404
    assert client.post(other, {"comment": "1", "text": "x"}).status_code == 404
    assert client.get(reverse("tracks:detail", args=[programme.pk])).status_code == 404
    assert not AssignmentComment.objects.exists()


def test_a_participant_cannot_sponsor_themselves(programme, participants, wethouder, coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        appoint(participants[0], wethouder, by=coordinator)


@pytest.mark.parametrize("persona", ["coordinator", "other_coach", "other_wethouder", None])
def test_outsiders_do_not_reach_the_assignment(
    db, persona, programme, participants, wethouder, sponsor, coordinator, client_for, request
):
    assignment = appoint(participants[0], sponsor, by=coordinator)
    services.describe_assignment(
        participants[0], title="Kanarie-opdracht", description="Kanarie-beschrijving", by=wethouder
    )
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    url = reverse("tracks:assignment", args=[participants[0].pk])
    response = client.get(url)
    # The other wethouder is a participant of the programme too, but not of this assignment.
    assert response.status_code == (302 if persona is None else 404)
    assert "Kanarie" not in response.content.decode()
    assert client.post(url, {"comment": "1", "text": "x"}).status_code == (302 if persona is None else 404)
    assert not assignment.comments.exists()


@pytest.mark.parametrize("persona", ["wethouder", "coach", "sponsor", None])
def test_only_coordinators_appoint_sponsors(db, persona, programme, participants, sponsor, client_for, request):
    user = request.getfixturevalue(persona) if persona else None
    url = reverse("tracks:sponsors", args=[programme.pk])
    response = client_for(user).post(url, _form(participants[0], sponsor))
    assert response.status_code == {None: 302, "wethouder": 403, "coach": 403, "sponsor": 404}[persona]
    assert not Assignment.objects.exists()
    assert Application.objects.count() == 2
