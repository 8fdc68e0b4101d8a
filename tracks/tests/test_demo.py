"""`make run`'s demo has an open BLOT with every demo wethouder who asked for it on its waiting
list, so the BLOT-only demo account's home shows a place, not "no BLOT is open"."""

import io

from django.core.management import call_command

from tracks.enums import ApplicationState
from tracks.models import Application, Track


def test_the_demo_blot_holds_the_wethouders_who_asked_for_it(client, db):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    track = Track.objects.get(name="BLOT 2027")
    waiting = Application.objects.filter(track=track, state=ApplicationState.WAITING)
    assert sorted(waiting.values_list("wethouder__email", flat=True)) == [
        "l.bakker@demo.bestuurderspool.nl",
        "m.vandijk@demo.bestuurderspool.nl",
    ]
    assert track.sessions.count() == 1
    client.force_login(waiting.get(wethouder__email="l.bakker@demo.bestuurderspool.nl").wethouder)
    assert "U staat op de wachtlijst van BLOT 2027 (nummer " in client.get("/").content.decode()
