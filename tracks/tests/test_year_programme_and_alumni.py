"""The year programme's participants and talks with their managers (dates only), the closing
event, closing a track, and the group as alumni with the contact details they agreed to share."""

import datetime

import pytest
from django.urls import reverse

from coaching.tests.factories import municipality
from tracks.models import Application, ManagerTalk, Track

from .factories import TrackFactory


@pytest.fixture
def programme(coach, learning_manager):
    return TrackFactory(
        kind="year_programme",
        name="Leiderschap in het publiek domein",
        client_municipality=municipality("Almere"),
        learning_manager=coach,
        closing_event_at=datetime.datetime(2027, 9, 30, 16, tzinfo=datetime.UTC),
        closing_event_venue="Stadhuis Almere",
    )


def _add(client, programme, user):
    return client.post(reverse("tracks:add_participant", args=[programme.pk]), {"email": user.email}, follow=True)


def test_coordinator_adds_participants_and_plans_talks_the_manager_records_them(
    programme, coordinator, coach, wethouder, client_for
):
    client = client_for(coordinator)
    _add(client, programme, wethouder)
    application = Application.objects.get()
    assert (application.state, application.municipality) == ("placed", municipality("Almere"))
    url = reverse("tracks:talks", args=[programme.pk])
    client.post(url, {"application": application.pk, "kind": "intake", "planned_on": "2027-01-20"})
    talk = ManagerTalk.objects.get()
    response = client_for(coach).post(reverse("tracks:talk_held", args=[talk.pk]), {"held_on": "2026-11-30"})
    assert response.url == url
    talk.refresh_from_db()
    assert (talk.kind, talk.planned_on, talk.held_on) == (
        "intake",
        datetime.date(2027, 1, 20),
        datetime.date(2026, 11, 30),
    )
    page = client_for(coordinator).get(url)
    assert [t.pk for t in page.context["talks"]] == [talk.pk]
    detail = client_for(wethouder).get(reverse("tracks:detail", args=[programme.pk])).content.decode()
    assert "Stadhuis Almere" in detail


def test_a_talk_held_in_the_future_is_refused(programme, coordinator, coach, wethouder, client_for):
    _add(client_for(coordinator), programme, wethouder)
    talk = ManagerTalk.objects.create(application=Application.objects.get(), kind="interim", planned_on="2027-05-01")
    response = client_for(coach).post(
        reverse("tracks:talk_held", args=[talk.pk]), {"held_on": "2027-05-01"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Een gesprek kan niet in de toekomst als gehouden worden vastgelegd."
    ]
    talk.refresh_from_db()
    assert talk.held_on is None


@pytest.mark.parametrize("persona", ["wethouder", "other_coach", "other_wethouder", None])
def test_talks_are_for_coordinators_and_the_learning_manager(
    db, persona, programme, coordinator, wethouder, client_for, request
):
    _add(client_for(coordinator), programme, wethouder)
    talk = ManagerTalk.objects.create(application=Application.objects.get(), kind="interim", planned_on="2027-05-01")
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    expected = {None: 302, "wethouder": 403, "other_coach": 404, "other_wethouder": 404}[persona]
    assert client.get(reverse("tracks:talks", args=[programme.pk])).status_code == expected
    assert client.post(reverse("tracks:talk_held", args=[talk.pk]), {"held_on": "2026-11-30"}).status_code == expected
    talk.refresh_from_db()
    assert talk.held_on is None


def test_a_blot_has_no_manager_talks(track, coordinator, client_for):
    assert client_for(coordinator).get(reverse("tracks:talks", args=[track.pk])).status_code == 404


def test_the_group_stays_reachable_as_alumni(cohort, coordinator, wethouder, coach, client_for):
    url = reverse("tracks:alumni", args=[cohort.pk])
    client = client_for(wethouder)
    response = client.post(url, {"shares_contact": "on", "contact_details": ""})
    assert response.context["form"].errors["contact_details"] == ["Vul in wat u wilt delen."]
    client.post(url, {"shares_contact": "on", "contact_details": "06 12345678"})
    client_for(coordinator).post(reverse("tracks:close", args=[cohort.pk]))
    assert Track.objects.get(pk=cohort.pk).state == "closed"
    members = client_for(coach).get(url).context["members"]
    assert [(m.wethouder, m.contact_details) for m in members] == [(wethouder, "06 12345678")]
    client_for(wethouder).post(url, {"contact_details": "06 12345678"})
    assert client_for(coach).get(url).context["members"] == []


@pytest.mark.parametrize("persona", ["coordinator", "other_wethouder", "other_coach", None])
def test_outsiders_do_not_see_the_alumni(db, persona, cohort, wethouder, client_for, request):
    Application.objects.filter(wethouder=wethouder).update(shares_contact=True, contact_details="06 12345678")
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(reverse("tracks:alumni", args=[cohort.pk]))
    assert response.status_code == {None: 302, "coordinator": 403, "other_wethouder": 404, "other_coach": 404}[persona]
    assert "06 12345678" not in response.content.decode()


def test_only_a_composed_track_is_closed_by_a_coordinator(track, coach, coordinator, client_for):
    assert client_for(coach).post(reverse("tracks:close", args=[track.pk])).status_code == 403
    response = client_for(coordinator).post(reverse("tracks:close", args=[track.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Alleen een traject met een samengestelde groep kan worden afgesloten."
    ]
    assert Track.objects.get(pk=track.pk).state == "open"
