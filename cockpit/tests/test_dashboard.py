"""The coordinator's home as a dashboard: the pipeline with its waiting times, the outcomes of
the period, the pool; the period filter; a query count that does not grow with the data."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from coaching.models import CoachProfile
from coaching.tests.factories import CoachProfileFactory
from cockpit.tests.factories import AMSTERDAM, build

TODAY = datetime.datetime(2026, 6, 15, 12, tzinfo=AMSTERDAM)
MAY_1 = datetime.date(2026, 5, 1)
BEFORE_FIRST = "De laatste dag kan niet voor de eerste dag liggen."
TOO_LONG = "Kies een periode van hoogstens vijf jaar."


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_dashboard_shows_the_pipeline_with_its_waiting_times(coordinator, client_for):
    build(coordinator, 1)
    response = client_for(coordinator).get(reverse("home"))
    waits = {wait.step: (wait.count, wait.median, wait.slowest) for _label, _url, wait in response.context["waits"]}
    day = datetime.timedelta(days=1)
    assert waits == {
        "conversation": (2, 6.5 * day, 10 * day),
        "approval": (3, 2 * day, 2 * day),  # the no klik's match was approved on the day it was ready
        "acceptance": (3, day, day),  # the trajectory's match was accepted on the day it was approved
        "klik": (2, 7 * day, 7 * day),
    }
    content = response.content.decode()
    assert f'href="{reverse("intake:worklist")}?state=submitted">6,5</a>' in content
    assert {state.value: n for state, n in response.context["funnel"]}["conversation_held"] == 2


def test_dashboard_shows_the_outcomes_of_the_period(coordinator, client_for):
    build(coordinator, 1)
    context = client_for(coordinator).get(reverse("home")).context
    assert context["klik"] == {
        "first": {"klik": 1, "no_klik": 1, "answered": 2, "percent": 50},
        "later": {"klik": 1, "no_klik": 0, "answered": 1, "percent": 100},
    }
    assert context["declines"] == {
        "reasons": [("Te druk", 2), ("Ken de wethouder", 1)],
        "other": 0,
        "total": 3,
        "expired": 1,
    }
    assert context["trajectory_outcomes"] == {"active": 0, "completed": 1, "stopped": 0, "switched": 0}
    april = next(row for row in context["held"] if row["month"] == datetime.date(2026, 4, 1))
    assert (april["sessions"], april["observations"]) == (1, 0)
    assert context["evaluations"] == [
        {
            "month": datetime.date(2026, 5, 1),
            "interim": {"n": 1, "usefulness": 4, "klik": 5, "change": 3},
            "final": None,
        }
    ]


def test_dashboard_shows_the_pool(coordinator, client_for):
    CoachProfileFactory(capacity=3, active_load=1, profile_confirmed_at=TODAY)
    CoachProfileFactory(capacity=2, active_load=2, profile_confirmed_at=TODAY - datetime.timedelta(days=400))
    CoachProfileFactory(capacity=2, status="paused", paused_until=None, profile_confirmed_at=TODAY)
    pool = client_for(coordinator).get(reverse("home")).context["pool"]
    assert pool == {
        "coaches": 3, "free_places": 2, "at_capacity": 1, "paused": 1, "unconfirmed": 1,
        "load": [(0, 1), (1, 1), (2, 1)],
    }  # fmt: skip


def test_dashboard_renders_every_attention_flag_it_is_given(coordinator, client_for):
    response = client_for(coordinator).get(reverse("home"))
    for key, count in response.context["trajectory_attention"].items():
        assert f'data-testid="attention-{key}">{count}</strong>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "period"),
    [
        ({}, (datetime.date(2026, 3, 18), datetime.date(2026, 6, 15))),
        ({"period": "month"}, (datetime.date(2026, 6, 1), datetime.date(2026, 6, 15))),
        ({"period": "quarter"}, (datetime.date(2026, 4, 1), datetime.date(2026, 6, 15))),
        ({"period": "year"}, (datetime.date(2026, 1, 1), datetime.date(2026, 6, 15))),
        ({"period": "custom", "start": "2026-05-01", "end": "2026-05-31"}, (MAY_1, datetime.date(2026, 5, 31))),
    ],
)  # fmt: skip
def test_period_filter_chooses_the_period(coordinator, client_for, query, period):
    context = client_for(coordinator).get(reverse("home"), query).context
    assert (context["period"].start, context["period"].end) == period


def test_period_filter_counts_only_what_happened_in_the_period(coordinator, client_for):
    build(coordinator, 1)
    context = client_for(coordinator).get(reverse("home"), {"period": "month"}).context
    assert ([wait.count for _l, _u, wait in context["waits"]], context["declines"]["total"]) == ([0, 0, 0, 0], 0)
    assert context["trajectory_outcomes"]["completed"] == 1


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period": "custom", "end": "2026-05-31"}, "start", "Vul de eerste dag van de periode in."),
        ({"period": "custom", "start": "2026-05-31", "end": "2026-05-01"}, "end", BEFORE_FIRST),
        ({"period": "custom", "start": "31 mei", "end": "2026-05-01"}, "start", "Voer een geldige datum in."),
        ({"period": "custom", "start": "2010-01-01", "end": "2026-05-01"}, "end", TOO_LONG),
    ],
)  # fmt: skip
def test_a_wrong_period_is_explained_in_dutch_and_keeps_what_was_typed(coordinator, client_for, query, field, message):
    response = client_for(coordinator).get(reverse("home"), query)
    form = response.context["period_form"]
    assert (response.status_code, form.errors[field]) == (200, [message])
    for name in ("start", "end"):
        assert f'name="{name}" value="{query.get(name, "")}"' in response.content.decode()
    assert response.context["period"].start == datetime.date(2026, 3, 18)


def test_dashboard_query_count_does_not_grow_with_the_data(coordinator, client_for, django_assert_max_num_queries):
    client = client_for(coordinator)
    build(coordinator, 1)
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("home"))
    build(coordinator, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("home"))
    assert response.context["declines"]["total"] == 15


def test_dashboard_never_reads_evaluation_text_or_notes(coordinator, client_for, django_assert_max_num_queries):
    build(coordinator, 1)
    with django_assert_max_num_queries(60) as queries:
        client_for(coordinator).get(reverse("home"))
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert ("what_changed" in sql, "appointmentreport" in sql) == (False, False)


def test_free_places_count_only_coaches_who_can_take_someone(coordinator, client_for):
    CoachProfileFactory(capacity=2, status="paused", paused_until=datetime.date(2026, 6, 1))  # pause is over
    CoachProfile.objects.update(profile_confirmed_at=TODAY)
    assert client_for(coordinator).get(reverse("home")).context["pool"]["free_places"] == 2
