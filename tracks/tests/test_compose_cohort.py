"""The coordinator sees the proposed cohort with reasons, adjusts it within the hard rules,
approves, and the participants are invited by mail."""

import pytest
from django.core import mail
from django.urls import reverse

from coaching.tests.factories import FormerRoleFactory, municipality
from tracks import services
from tracks.models import Application

from .factories import TrackSessionFactory, apply_from


def test_the_proposal_explains_every_applicant_in_dutch(coordinator, track, client_for):
    zwolle, deventer, kampen, enschede = apply_from(track, "Zwolle", "Deventer", "Kampen", "Enschede")
    response = client_for(coordinator).get(reverse("tracks:compose", args=[track.pk]))
    rows = {application: (placed, reasons) for application, placed, reasons in response.context["rows"]}
    # The learning manager (the coach persona) lives in Zwolle; Overijssel may send two.
    assert rows[zwolle] == (
        False,
        ["De leermanager woont in deze gemeente, heeft er bestuurd of heeft er een belangenconflict mee gemeld."],
    )
    assert rows[deventer][0] is True
    assert rows[kampen][0] is True
    assert rows[enschede] == (False, ["De groep heeft al 2 deelnemers uit deze provincie."])


def test_municipalities_the_learning_manager_governed_are_a_conflict(learning_manager, track):
    FormerRoleFactory(coach=learning_manager.coach_profile, municipality=municipality("Deventer"))
    apply_from(track, "Deventer")
    assert services.propose_cohort(track).placed_ids == []


def test_moving_someone_in_against_a_hard_rule_is_refused_in_dutch(coordinator, track, client_for):
    deventer, kampen, enschede = apply_from(track, "Deventer", "Kampen", "Enschede")
    Application.objects.filter(pk=kampen.pk).update(pin="in")
    Application.objects.filter(pk=deventer.pk).update(pin="in")
    response = client_for(coordinator).post(reverse("tracks:pin", args=[enschede.pk]), {"pin": "in"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Deze aanmelder kan niet worden geplaatst: De groep heeft al 2 deelnemers uit deze provincie."
    ]
    enschede.refresh_from_db()
    assert enschede.pin == ""


def test_moving_someone_out_and_in(coordinator, track, client_for):
    deventer, kampen, enschede = apply_from(track, "Deventer", "Kampen", "Enschede")
    client = client_for(coordinator)
    client.post(reverse("tracks:pin", args=[deventer.pk]), {"pin": "out"})
    response = client.get(reverse("tracks:compose", args=[track.pk]))
    assert [a for a, placed, _reasons in response.context["rows"] if placed] == [kampen, enschede]


def test_approving_places_the_proposal_and_invites_by_mail(
    coordinator, track, client_for, django_capture_on_commit_callbacks
):
    TrackSessionFactory(track=track)
    deventer, almere = apply_from(track, "Deventer", "Almere")
    Application.objects.filter(pk=almere.pk).update(pin="out")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(reverse("tracks:approve", args=[track.pk]))
    assert response.url == reverse("tracks:detail", args=[track.pk])
    track.refresh_from_db()
    assert track.state == "composed"
    assert list(Application.objects.order_by("pk").values_list("state", flat=True)) == ["placed", "waiting"]
    (message,) = mail.outbox
    assert message.to == [deventer.wethouder.email]
    assert message.subject.endswith("Welkom in BLOT 2027")
    assert [a[0] for a in message.attachments] == [f"sessie-{track.sessions.get().pk}.ics"]
    assert "DTEND;TZID=Europe/Amsterdam:20270115T140000" in message.attachments[0][1]


def test_approving_twice_is_refused(coordinator, track, client_for, django_capture_on_commit_callbacks):
    apply_from(track, "Deventer")
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("tracks:approve", args=[track.pk]))
        response = client.get(reverse("tracks:detail", args=[track.pk]))
        response = client.post(reverse("tracks:approve", args=[track.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["De groep is al goedgekeurd."]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("persona", ["wethouder", "coach", "other_coach", None])
def test_only_coordinators_compose(db, persona, track, client_for, request):
    (application,) = apply_from(track, "Deventer")
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    statuses = {
        client.get(reverse("tracks:compose", args=[track.pk])).status_code,
        client.post(reverse("tracks:pin", args=[application.pk]), {"pin": "out"}).status_code,
        client.post(reverse("tracks:approve", args=[track.pk])).status_code,
    }
    assert statuses == {{None: 302, "wethouder": 404, "coach": 403, "other_coach": 404}[persona]}
    application.refresh_from_db()
    assert (application.state, application.pin) == ("waiting", "")
    assert not mail.outbox


@pytest.mark.parametrize("rows", [1, 8])
def test_the_proposal_in_a_fixed_number_of_queries(coordinator, track, client_for, rows, django_assert_max_num_queries):
    places = ["Deventer", "Almere", "Utrecht", "Groningen", "Maastricht", "Leiden", "Texel", "Vaals"][:rows]
    apply_from(track, *places)
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("tracks:compose", args=[track.pk]))
    assert len(response.context["rows"]) == rows
