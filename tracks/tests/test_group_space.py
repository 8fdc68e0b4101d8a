"""The confidential group space: the participants and the learning manager only. Coordinators,
superusers, other wethouders and other coaches never see its content, not on any page of the
app; a pg_dump holds none of it."""

import datetime

import pytest
import time_machine
from django.urls import get_resolver, reverse

from tests.support.pgtools import dump_text
from tracks import services
from tracks.models import Application, GroupEntry, ManagerTalk

CANARIES = {
    "title": "Kanarie-afspraak-vertrouwelijk",
    "text": "Kanarie-tekst-bedreiging-thuis",
    "goal": "Kanarie-leerdoel-grenzen-stellen",
    "comment": "Kanarie-evaluatie-spannend-gesprek",
    "contact": "Kanarie-06-geheim-nummer",
}


def _share(track, by):
    """Content of every confidential kind: a group entry, a learning goal, shared contact details
    and an evaluation comment."""
    entry = services.add_entry(track, kind="agreement", title=CANARIES["title"], text=CANARIES["text"], by=by)
    application = track.applications.get(wethouder=by)
    services.add_goal(application, text=CANARIES["goal"], by=by)
    services.share_contact(application, shares_contact=True, contact_details=CANARIES["contact"], by=by)
    session = track.sessions.first()
    with time_machine.travel(session.starts_at + datetime.timedelta(hours=1), tick=False):
        services.evaluate(track, participant=by, session=session, value=4, safety=5, comment=CANARIES["comment"])
    return entry


def test_a_participant_shares_and_the_group_reads(cohort, wethouder, coach, client_for):
    url = reverse("tracks:group_space", args=[cohort.pk])
    response = client_for(wethouder).post(
        url, {"kind": "agreement", "title": "Wat hier gezegd wordt", "text": "blijft hier"}
    )
    assert response.url == url
    page = client_for(coach).get(url)
    assert [(e.title, e.text, e.author) for e in page.context["entries"]] == [
        ("Wat hier gezegd wordt", "blijft hier", wethouder)
    ]


def test_an_empty_entry_is_refused_on_the_field(cohort, wethouder, client_for):
    url = reverse("tracks:group_space", args=[cohort.pk])
    response = client_for(wethouder).post(url, {"kind": "material", "title": "Artikel", "text": ""})
    assert response.context["form"].errors["text"] == ["Dit veld is verplicht."]
    assert response.context["form"]["title"].value() == "Artikel"
    assert not GroupEntry.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "superuser", "other_wethouder", "other_coach", None])
def test_outsiders_neither_read_nor_write(db, persona, cohort, wethouder, client_for, request):
    _share(cohort, wethouder)
    user = request.getfixturevalue(persona) if persona else None
    url = reverse("tracks:group_space", args=[cohort.pk])
    client = client_for(user)
    expected = {None: 302, "coordinator": 403, "superuser": 403, "other_wethouder": 404, "other_coach": 404}[persona]
    assert client.get(url).status_code == expected
    assert client.post(url, {"kind": "agreement", "title": "x", "text": "y"}).status_code == expected
    assert GroupEntry.objects.count() == 1


def _track_urls(track, session, application, talk) -> list[str]:
    """Every URL of the tracks app, filled in with this track's ids."""
    ids = {
        "tracks:take_mirror": [track.pk, "start"],
        "tracks:session_edit": session.pk,
        "tracks:attendance": session.pk,
        "tracks:pin": application.pk,
        "tracks:withdraw": application.pk,
        "tracks:talk_held": talk.pk,
        "tracks:assignment": application.pk,
        "tracks:resend_sponsor_invitation": [track.pk, application.pk],
    }
    resolver = get_resolver().namespace_dict["tracks"][1]
    urls = set()
    for name in (name for name in resolver.reverse_dict if isinstance(name, str)):
        possibilities = resolver.reverse_dict.getlist(name)[0][0]
        full = f"tracks:{name}"
        value = ids.get(full, track.pk)
        urls.add(reverse(full, args=(value if isinstance(value, list) else [value]) if possibilities[0][1] else []))
    return sorted(urls)


@pytest.mark.parametrize("persona", ["coordinator", "superuser", "other_wethouder", "other_coach"])
def test_the_canaries_never_appear_for_outsiders(db, persona, cohort, wethouder, coach, client_for, request):
    _share(cohort, wethouder)
    session = cohort.sessions.get()
    application = Application.objects.get(wethouder=wethouder)
    talk = ManagerTalk.objects.create(application=application, kind="intake", planned_on=cohort.starts_on)
    client = client_for(request.getfixturevalue(persona))
    urls = [*_track_urls(cohort, session, application, talk), reverse("home")]
    assert len(urls) == 28  # the 27 pages and actions of the app, and the home
    for url in urls:
        body = client.get(url, follow=True).content.decode()
        assert not any(canary in body for canary in CANARIES.values()), url
    space = client_for(coach).get(reverse("tracks:group_space", args=[cohort.pk])).content.decode()
    goals = client_for(coach).get(reverse("tracks:goals", args=[cohort.pk])).content.decode()
    alumni = client_for(coach).get(reverse("tracks:alumni", args=[cohort.pk])).content.decode()
    seen = (
        CANARIES["title"] in space,
        CANARIES["text"] in space,
        CANARIES["goal"] in goals,
        CANARIES["contact"] in alumni,
    )
    assert seen == (True, True, True, True)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_holds_no_text_of_the_group_space(coach, wethouder):
    from coaching.tests.factories import CoachProfileFactory

    from .factories import ApplicationFactory, TrackFactory, TrackSessionFactory

    CoachProfileFactory(user=coach)
    track = TrackFactory(learning_manager=coach)
    ApplicationFactory(
        track=track, wethouder=wethouder, state="placed", motivation="Kanarie-motivatie-eenzaam-in-college"
    )
    TrackSessionFactory(track=track)
    _share(track, wethouder)
    application = track.applications.get()
    services.describe_assignment(
        application, title="Kanarie-opdracht", description="Kanarie-beschrijving", by=wethouder
    )
    services.comment_on_assignment(application.assignment, text="Kanarie-sponsor-commentaar", by=coach)
    dump = dump_text()
    assert "Kanarie" not in dump
    assert GroupEntry.objects.get().text == CANARIES["text"]
