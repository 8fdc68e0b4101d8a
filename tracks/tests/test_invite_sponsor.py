"""A coordinator appoints a sponsor by name, email address and organisation. Someone with a
sponsor account is linked; anyone new gets a sponsor account and an invitation naming the
assignment, sets a password and lands on their page, which holds that assignment and nothing
else. An address of a wethouder, coach or coordinator is refused on the field."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from bestuurderspool.accounts.models import Invitation, User
from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.navigation import menu_for
from tracks import services
from tracks.models import Assignment

from .factories import TrackFactory, appoint

NEW = {
    "first_name": "Gert",
    "last_name": "Griffioen",
    "email": "g.griffioen@almere.example.nl",
    "organisation": "Gemeente Almere",
}
PASSWORD = "een-lange-zin-voor-de-sponsor"
ROLE_REFUSED = (
    "Dit e-mailadres hoort bij het account van een {role} in het portaal. Een sponsor heeft een eigen account: "
    "vul een ander adres in, bijvoorbeeld het werkadres van de sponsor."
)


def _invite(application, coordinator, **changes) -> Assignment:
    return services.appoint_sponsor(application, by=coordinator, **(NEW | changes))


def _form(application, **changes) -> dict:
    return {"application": application.pk, **NEW, **changes}


def _link(message) -> str:
    return re.search(r"http://testserver(/uitnodiging/\S+/)", message.body).group(1)


def _written() -> tuple:
    return (
        User.objects.filter(role="sponsor").count(),
        Invitation.objects.count(),
        Assignment.objects.exclude(sponsor=None).count(),
    )


# --- The service ------------------------------------------------------------------------------


def test_someone_new_gets_a_sponsor_account_and_the_invitation_after_the_commit(
    participants, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        assignment = _invite(participants[0], coordinator)
    assert mail.outbox == []
    sponsor = User.objects.get(email=NEW["email"])
    assert (sponsor.role, sponsor.get_full_name(), sponsor.has_usable_password()) == (
        "sponsor",
        "Gert Griffioen",
        False,
    )
    assert (assignment.sponsor, assignment.sponsor_organisation) == (sponsor, "Gemeente Almere")
    assert [(i.user, i.role, i.invited_by) for i in Invitation.objects.pending()] == [(sponsor, "sponsor", coordinator)]
    assert len(callbacks) == 1
    callbacks[0]()
    (message,) = mail.outbox
    assert message.to == [NEW["email"]]
    assert (
        message.subject == "[Bestuurderspool] U wordt gevraagd een opdracht te sponsoren in Jaarprogramma Almere 2027"
    )
    participant = participants[0].wethouder.get_full_name()
    assert f"sponsor te zijn van de opdracht van {participant} in Jaarprogramma Almere 2027" in message.body
    assert "geldig tot 8 december 2026" in message.body
    assert _link(message).startswith(f"/uitnodiging/{Invitation.objects.get().pk}-")


@transaction.atomic
def _appoint_and_break_off(application, coordinator):
    """A request that appoints and then fails: its transaction is rolled back."""
    _invite(application, coordinator)
    raise RuntimeError("the request breaks off after the appointment")


def test_a_failed_request_leaves_no_account_no_invitation_and_no_mail(
    participants, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _appoint_and_break_off(participants[0], coordinator)
    assert _written() == (0, 0, 0)
    assert mail.outbox == []


def test_a_sponsor_with_an_account_is_linked_and_told_where_the_assignment_is(
    participants, coordinator, sponsor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = _invite(participants[0], coordinator, email=" Femke.Directeur@almere.example.nl ")
    assert assignment.sponsor == sponsor
    sponsor.refresh_from_db()
    assert (sponsor.first_name, sponsor.has_usable_password()) == ("Femke", True)
    assert not Invitation.objects.exists()
    (message,) = mail.outbox
    assert message.to == [sponsor.email]
    assert reverse("tracks:assignment", args=[participants[0].pk]) in message.body
    assert "/uitnodiging/" not in message.body


def test_appointing_a_new_sponsor_again_mends_the_name_and_replaces_the_link(participants, coordinator):
    _invite(participants[0], coordinator, first_name="Gerd")
    _invite(participants[0], coordinator)
    first, second = Invitation.objects.order_by("pk")
    assert (first.is_usable, second.is_usable) == (False, True)
    assert list(User.objects.filter(role="sponsor").values_list("first_name", flat=True)) == ["Gert"]


@pytest.mark.parametrize(
    ("account", "role"),
    [
        ({"role": "wethouder"}, "wethouder"),
        ({"role": "coach"}, "coach"),
        ({"role": "coordinator"}, "coördinator"),
        ({"role": "coordinator", "is_superuser": True, "is_staff": True}, "coördinator"),
    ],
)
def test_an_address_of_another_role_is_refused_on_the_field(participants, coordinator, account, role):
    UserFactory(email=NEW["email"], **account)
    with pytest.raises(ValidationError) as refused:
        _invite(participants[0], coordinator)
    assert refused.value.message_dict == {"email": [ROLE_REFUSED.format(role=role)]}
    assert _written() == (0, 0, 0)


def test_a_participant_does_not_sponsor_their_own_assignment(participants, coordinator, wethouder):
    with pytest.raises(ValidationError) as refused:
        _invite(participants[0], coordinator, email=wethouder.email.upper())
    assert refused.value.message_dict == {"email": ["Een deelnemer kan de eigen opdracht niet sponsoren."]}


def test_a_switched_off_sponsor_account_is_refused(participants, coordinator, sponsor):
    User.objects.filter(pk=sponsor.pk).update(is_active=False)
    with pytest.raises(ValidationError) as refused:
        _invite(participants[0], coordinator, email=sponsor.email)
    assert list(refused.value.message_dict) == ["email"]
    assert not Assignment.objects.exists()


def test_a_blot_has_no_sponsors(cohort, wethouder, coordinator):
    with pytest.raises(ValidationError):
        _invite(cohort.applications.get(wethouder=wethouder), coordinator)
    assert _written() == (0, 0, 0)


# --- The coordinators' page -------------------------------------------------------------------


def test_the_coordinator_invites_someone_new_from_the_sponsors_page(
    programme, participants, coordinator, client_for, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    url = reverse("tracks:sponsors", args=[programme.pk])
    page = client.get(url)
    assert page.context["form"]["organisation"].value() == "Gemeente Almere"
    assert [row.status for row in page.context["rows"]] == ["none", "none"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(participants[0]), follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Gert Griffioen heeft een uitnodiging gekregen om een wachtwoord in te stellen en vindt daarna de opdracht."
    ]
    row = next(row for row in response.context["rows"] if row.application == participants[0])
    assert (row.sponsor.email, row.organisation, row.status) == (NEW["email"], "Gemeente Almere", "invited")
    assert "Uitgenodigd; de link is geldig tot 8 december 2026" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[NEW["email"]]]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "carla.coach@example.nl"}, "email", ROLE_REFUSED.format(role="coach")),
        ({"email": "geen-adres"}, "email", "Voer een geldig e-mailadres in."),
        ({"organisation": ""}, "organisation", "Dit veld is verplicht."),
    ],
)
def test_bad_input_is_refused_on_the_field_and_keeps_what_was_typed(
    programme, participants, coordinator, coach, client_for, changes, field, message
):
    response = client_for(coordinator).post(
        reverse("tracks:sponsors", args=[programme.pk]), _form(participants[0], **changes)
    )
    form = response.context["form"]
    assert (response.status_code, form.errors) == (200, {field: [message]})
    typed = {name: form[name].value() for name in ("first_name", "last_name", "email", "organisation")}
    assert typed == {name: value for name, value in (NEW | changes).items() if name != "application"}
    assert form["application"].value() == str(participants[0].pk)
    assert 'data-testid="error-summary"' in response.content.decode()
    assert _written() == (0, 0, 0)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator", 200),
        ("superuser", 200),
        ("coach", 403),  # the learning manager of the programme
        ("wethouder", 403),  # a participant
        ("other_coach", 404),
        ("sponsor", 404),
        (None, 302),
    ],
)
def test_only_coordinators_reach_the_sponsors_page(
    db, programme, participants, coordinator, sponsor, client_for, request, persona, expected
):
    appoint(participants[1], sponsor, by=coordinator)
    client = client_for(request.getfixturevalue(persona) if persona else None)
    url = reverse("tracks:sponsors", args=[programme.pk])
    assert client.get(url).status_code == expected
    response = client.post(url, _form(participants[0]))
    assert response.status_code == (302 if expected == 200 else expected)
    assert User.objects.filter(email=NEW["email"]).exists() == (expected == 200)
    assert Assignment.objects.get(application=participants[1]).sponsor == sponsor


def test_a_participant_of_another_programme_cannot_be_chosen(programme, participants, coordinator, client_for):
    other = TrackFactory(kind="year_programme", client_municipality=programme.client_municipality)
    stranger = services.add_participant(other, email=UserFactory().email, by=coordinator)
    response = client_for(coordinator).post(reverse("tracks:sponsors", args=[programme.pk]), _form(stranger))
    assert list(response.context["form"].errors) == ["application"]
    assert _written() == (0, 0, 0)


def test_a_blot_has_no_sponsors_page(cohort, coordinator, client_for):
    assert client_for(coordinator).get(reverse("tracks:sponsors", args=[cohort.pk])).status_code == 404


@pytest.mark.parametrize("rows", [1, 6])
def test_the_sponsors_page_in_a_fixed_number_of_queries(
    programme, coordinator, client_for, rows, django_assert_max_num_queries
):
    for n in range(rows):
        application = services.add_participant(programme, email=UserFactory().email, by=coordinator)
        _invite(application, coordinator, email=f"sponsor{n}@almere.example.nl")
    client = client_for(coordinator)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("tracks:sponsors", args=[programme.pk]))
    assert [row.status for row in response.context["rows"]] == ["invited"] * rows


# --- Sending the invitation again, and an expired one -------------------------------------------


def test_an_expired_invitation_is_shown_and_sent_again(
    programme, participants, coordinator, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(participants[0], coordinator)
    old_link = _link(mail.outbox[0])
    client = client_for(None)
    with time_machine.travel(datetime.datetime(2026, 12, 9, 10, tzinfo=datetime.UTC), tick=False):
        expired = client.get(old_link)
        assert expired.status_code == 410
        assert "Vraag een coördinator" in expired.content.decode()
        client = client_for(coordinator)
        url = reverse("tracks:sponsors", args=[programme.pk])
        assert "De uitnodiging is verlopen op 8 december 2026" in client.get(url).content.decode()
        resend = reverse("tracks:resend_sponsor_invitation", args=[programme.pk, participants[0].pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(resend, follow=True)
        assert [str(m) for m in response.context["messages"]] == [
            "De uitnodiging is opnieuw verstuurd naar g.griffioen@almere.example.nl."
        ]
        new_link = _link(mail.outbox[1])
        assert "geldig tot 16 december 2026" in mail.outbox[1].body
        client = client_for(None)
        assert (client.get(old_link).status_code, client.get(new_link).status_code) == (410, 200)


def test_an_active_sponsor_gets_no_new_invitation(programme, participants, coordinator, sponsor, client_for):
    appoint(participants[0], sponsor, by=coordinator)
    mail.outbox.clear()
    resend = reverse("tracks:resend_sponsor_invitation", args=[programme.pk, participants[0].pk])
    response = client_for(coordinator).post(resend, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "De sponsor heeft al een wachtwoord ingesteld: er is geen uitnodiging om opnieuw te versturen."
    ]
    assert (mail.outbox, Invitation.objects.count()) == ([], 0)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("coach", 403), ("wethouder", 403), ("other_coach", 404), ("sponsor", 404), (None, 302)],
)
def test_only_coordinators_send_an_invitation_again(
    db, programme, participants, coordinator, client_for, request, persona, expected
):
    _invite(participants[0], coordinator)
    client = client_for(request.getfixturevalue(persona) if persona else None)
    resend = reverse("tracks:resend_sponsor_invitation", args=[programme.pk, participants[0].pk])
    assert client.post(resend).status_code == expected
    assert client.get(resend).status_code in (expected, 405)
    assert Invitation.objects.count() == 1


def test_the_assignment_of_another_programme_is_a_404(programme, participants, coordinator, client_for):
    other = TrackFactory(kind="year_programme", client_municipality=programme.client_municipality)
    _invite(participants[0], coordinator)
    resend = reverse("tracks:resend_sponsor_invitation", args=[other.pk, participants[0].pk])
    assert client_for(coordinator).post(resend).status_code == 404
    assert Invitation.objects.count() == 1


# --- Accepting ----------------------------------------------------------------------------------


def test_the_new_sponsor_sets_a_password_and_lands_on_their_page(
    programme, participants, coordinator, wethouder, client_for, django_capture_on_commit_callbacks
):
    services.describe_assignment(
        participants[0], title="Ouderen en digitalisering", description="Gesprekken", by=wethouder
    )
    with django_capture_on_commit_callbacks(execute=True):
        assignment = _invite(participants[0], coordinator)
    client = client_for(None)
    link = _link(mail.outbox[0])
    page = client.get(link).content.decode()
    assert "U bent uitgenodigd voor de Bestuurderspool als Sponsor." in page
    assert "tweestapsverificatie" not in page
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert response.templates[0].name == "home/sponsor.html"
    assert response.context["sponsored_assignments"] == [assignment]
    assert "Ouderen en digitalisering" in response.content.decode()
    sponsor = User.objects.get(email=NEW["email"])
    assert (sponsor.has_usable_password(), sponsor.emailaddress_set.get().verified) == (True, True)
    assert [(link.url, link.label) for link in menu_for(sponsor, "/")] == [("/", "Start")]
    opened = client.get(reverse("tracks:assignment", args=[participants[0].pk]))
    assert opened.context["assignment"] == assignment
    assert "(Gemeente Almere)" in opened.content.decode()
    assert client.get(link).status_code == 410


# --- What a sponsor sees ------------------------------------------------------------------------

CANARIES = {
    "own": "Kanarie-eigen-opdracht",
    "other": "Kanarie-opdracht-van-een-ander",
    "entry": "Kanarie-groepsafspraak",
    "goal": "Kanarie-leerdoel",
    "comment": "Kanarie-evaluatie",
    "contact": "Kanarie-telefoon",
}


def test_a_sponsor_sees_their_assignment_and_nothing_else_of_the_programme(
    programme, participants, coordinator, wethouder, other_wethouder, sponsor, client_for
):
    from tracks.models import Application, Evaluation, ManagerTalk

    from .factories import TrackSessionFactory
    from .test_group_space import _track_urls

    own, other = participants
    appoint(own, sponsor, by=coordinator)
    services.describe_assignment(own, title=CANARIES["own"], description="Beschrijving", by=wethouder)
    services.describe_assignment(other, title=CANARIES["other"], description="Beschrijving", by=other_wethouder)
    session = TrackSessionFactory(track=programme)
    services.add_entry(programme, kind="agreement", title=CANARIES["entry"], text=CANARIES["entry"], by=wethouder)
    services.add_goal(own, text=CANARIES["goal"], by=wethouder)
    Evaluation.objects.create(
        track=programme, session=session, participant=wethouder, value=4, safety=4, comment=CANARIES["comment"]
    )
    Application.objects.filter(pk=own.pk).update(shares_contact=True, contact_details=CANARIES["contact"])
    talk = ManagerTalk.objects.create(application=own, kind="intake", planned_on=programme.starts_on)
    client = client_for(sponsor)
    own_url = reverse("tracks:assignment", args=[own.pk])
    seen = {}
    for url in [*_track_urls(programme, session, own, talk), reverse("tracks:assignment", args=[other.pk])]:
        response = client.get(url)
        seen[url] = response.status_code
        body = response.content.decode()
        assert [name for name, text in CANARIES.items() if text in body and url != own_url] == [], url
    assert {url: status for url, status in seen.items() if status not in (403, 404, 405)} == {own_url: 200}
    home = client.get(reverse("home")).content.decode()
    assert [name for name, text in CANARIES.items() if text in home] == ["own"]
