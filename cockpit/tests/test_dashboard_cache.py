"""The dashboard's counts are aggregates over the whole pool, shared from the cache for
`DASHBOARD_CACHE_SECONDS` (a minute by default) and marked with the time they were worked out;
decline reasons, decrypted to be counted, never go into the cache."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from cockpit.tests.factories import AMSTERDAM, build
from intake.tests.factories import SubmittedIntakeFactory

TODAY = datetime.datetime(2026, 6, 15, 12, 5, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _cached(settings):
    settings.DASHBOARD_CACHE_SECONDS = 60


def _submitted(response) -> int:
    return {state.value: n for state, n in response.context["funnel"]}["submitted"]


def test_the_counts_are_shared_for_a_minute_and_say_when_they_were_worked_out(coordinator, client_for):
    build(coordinator, 1)
    client = client_for(coordinator)
    with time_machine.travel(TODAY, tick=False):
        first = client.get(reverse("home"))
        SubmittedIntakeFactory()
        again = client.get(reverse("home"))
    assert _submitted(again) == _submitted(first)
    assert "Berekend om 12:05." in again.content.decode()
    cache.delete(_key(first))
    with time_machine.travel(TODAY + datetime.timedelta(minutes=2), tick=False):
        fresh = client.get(reverse("home"))
    assert _submitted(fresh) == _submitted(first) + 1
    assert "Berekend om 12:07." in fresh.content.decode()


def test_decline_reasons_are_not_kept_in_the_cache(coordinator, client_for):
    build(coordinator, 1)
    with time_machine.travel(TODAY, tick=False):
        response = client_for(coordinator).get(reverse("home"))
    assert response.context["declines"]["reasons"] == [("Te druk", 2), ("Ken de wethouder", 1)]
    figures = cache.get(_key(response))
    assert figures["funnel"] == response.context["funnel"]
    assert "Te druk" not in repr(figures)


def _key(response) -> str:
    period = response.context["period"]
    return f"cockpit:dashboard:{period.start}:{period.end}"
