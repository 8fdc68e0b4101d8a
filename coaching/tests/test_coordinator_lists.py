"""The coordinators' lists at scale: paged by 50, counted and filtered in the database, the filters
kept in the page links, and a number of queries that does not grow with the rows."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.tests.factories import MatchFactory, trajectory_between


def next_link(response) -> str:
    """The address of the "Next" link."""
    return re.search(r'href="([^"]*)">Volgende<', response.content.decode())[1]


def test_the_matches_overview_pages_by_fifty_and_keeps_the_filter(coordinator, client_for):
    MatchFactory.create_batch(51, state="proposed")
    MatchFactory(state="declined")
    client = client_for(coordinator)
    first = client.get(reverse("coaching:matches"), {"state": "proposed"})
    assert (len(first.context["matches"]), first.context["page"].paginator.count) == (50, 51)
    assert next_link(first) == "?state=proposed&amp;page=2"
    second = client.get(reverse("coaching:matches"), {"state": "proposed", "page": "2"})
    assert len(second.context["matches"]) == 1
    assert {m.state for m in second.context["matches"]} == {"proposed"}
    assert client.get(reverse("coaching:matches"), {"page": "999"}).context["page"].number == 2


def test_the_trajectory_list_pages_by_fifty_and_keeps_the_attention_filter(coordinator, client_for):
    for _ in range(51):
        trajectory_between(UserFactory(role="coach"), UserFactory(role="wethouder"))
    client = client_for(coordinator)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False):
        first = client.get(reverse("coaching:trajectories"), {"attention": "behind", "state": "active"})
        assert (len(first.context["trajectories"]), first.context["page"].paginator.count) == (50, 51)
        assert next_link(first) == "?attention=behind&amp;state=active&amp;page=2"
        second = client.get(reverse("coaching:trajectories"), {"attention": "behind", "state": "active", "page": 2})
        assert [t.behind for t in second.context["trajectories"]] == [True]


@pytest.mark.parametrize("url", ["coaching:matches", "coaching:trajectories", "intake:worklist", "coaching:pool"])
def test_the_coordinators_lists_cost_the_same_with_one_and_many_rows(
    url, coordinator, client_for, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            trajectory_between(UserFactory(role="coach"), UserFactory(role="wethouder"))
            MatchFactory(state="proposed")

    client = client_for(coordinator)
    add(1)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse(url))
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url))
    assert response.context["page"].paginator.count >= 7


def test_the_pool_export_costs_the_same_with_one_and_many_coaches(
    coordinator, client_for, django_assert_max_num_queries
):
    from coaching.tests.factories import CoachProfileFactory, ConflictFactory, FormerRoleFactory

    def add(count):
        for profile in CoachProfileFactory.create_batch(count):
            FormerRoleFactory(coach=profile)
            ConflictFactory(coach=profile, person_name="Jan Jansen")

    client = client_for(coordinator)
    add(1)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("coaching:pool_export"))
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("coaching:pool_export"))
    assert response.content.decode().count("\n") == 8
