import datetime

import pytest
import time_machine

from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.municipalities.models import Municipality
from intake.enums import IntakeState
from intake.tests.factories import IntakeFactory, SubmittedIntakeFactory


def make_intakes(n):
    return [SubmittedIntakeFactory(wethouder=UserFactory(role="wethouder")) for _ in range(n)]


@pytest.mark.parametrize("n", [1, 50])
def test_worklist_query_count_does_not_grow(client, coordinator, django_assert_max_num_queries, n):
    make_intakes(n)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/intake/werklijst/")
    assert len(response.context["page"]) == n


def test_worklist_hides_drafts_and_withdrawn_and_sorts_oldest_first(client, coordinator):
    with time_machine.travel("2026-06-01"):
        old = SubmittedIntakeFactory(wethouder=UserFactory())
    new = SubmittedIntakeFactory(wethouder=UserFactory())
    IntakeFactory(wethouder=UserFactory())
    SubmittedIntakeFactory(wethouder=UserFactory(), state=IntakeState.WITHDRAWN)
    client.force_login(coordinator)
    assert list(client.get("/intake/werklijst/").context["page"]) == [old, new]


def test_worklist_filters(client, coordinator):
    utrecht = SubmittedIntakeFactory(wethouder=UserFactory(first_name="Ulla"))
    groningen = SubmittedIntakeFactory(
        wethouder=UserFactory(first_name="Gert"),
        municipality=Municipality.objects.get(name="Groningen"),
        state=IntakeState.READY_FOR_MATCHING,
    )
    client.force_login(coordinator)
    page = lambda query: list(client.get("/intake/werklijst/?" + query).context["page"])  # noqa: E731
    assert page("state=ready_for_matching") == [groningen]
    assert page(f"province={groningen.municipality.province_id}") == [groningen]
    assert page("q=ulla") == [utrecht]
    assert page("older_than_days=3") == []
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=10)):
        client.force_login(coordinator)  # a coordinator's session does not last 10 days
        assert len(page("older_than_days=3")) == 2


def test_worklist_bad_filter_shows_message_not_500(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/intake/werklijst/?older_than_days=veel")
    assert "Voer een geheel getal in." in response.content.decode()
