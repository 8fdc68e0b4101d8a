"""Someone else's intake, by any URL, gives 404 (or 403 for a coordinator's page a wethouder
may not open) and writes nothing."""

import pytest
from django.urls import reverse

from intake.models import Intake, IntakeTransition
from intake.tests.factories import CompleteIntakeFactory, SubmittedIntakeFactory

WETHOUDER_URLS = ["intake:detail", "intake:withdraw"]
COORDINATOR_URLS = [
    "intake:coordinator_detail",
    "intake:plan_conversation",
    "intake:record_conversation",
    "intake:adjust_wishes",
    "intake:mark_ready",
]


def snapshot():
    return (list(Intake.objects.values()), IntakeTransition.objects.count())


@pytest.mark.parametrize("persona", ["other_wethouder", "coach", "other_coach"])
@pytest.mark.parametrize("name", [*WETHOUDER_URLS, *COORDINATOR_URLS])
def test_others_get_404_and_nothing_is_written(client, db, request, wethouder, persona, name):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    url = reverse(name, args=[intake.pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {"reason": "x", "held_at": "2026-01-01T10:00"}).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["other_wethouder", "coach"])
def test_others_cannot_open_or_save_a_draft_step(client, db, request, wethouder, persona):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    assert client.get(f"/intake/{intake.pk}/stap/1/").status_code == 404
    assert client.post(f"/intake/{intake.pk}/stap/2/", {"question": "overgenomen"}).status_code == 404
    assert client.post(f"/intake/{intake.pk}/stap/6/", {"consent": "on"}).status_code == 404
    assert snapshot() == before


def test_anonymous_is_sent_to_login_and_nothing_is_written(client, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    before = snapshot()
    for name in [*WETHOUDER_URLS, *COORDINATOR_URLS]:
        response = client.post(reverse(name, args=[intake.pk]))
        assert response["Location"].startswith("/accounts/login/")
    assert snapshot() == before


@pytest.mark.parametrize("name", COORDINATOR_URLS)
def test_wethouder_cannot_use_coordinator_pages_on_own_intake(client, wethouder, name):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    before = snapshot()
    assert client.post(reverse(name, args=[intake.pk]), {"notes": "x"}).status_code == 403
    assert snapshot() == before


def test_wethouder_sees_own_intake_and_coordinator_sees_all(client, wethouder, coordinator):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    assert client.get(f"/intake/{intake.pk}/").context["intake"] == intake
    client.force_login(coordinator)
    assert client.get(f"/intake/{intake.pk}/coordinatie/").context["intake"] == intake


def test_coach_sees_no_intake_in_the_work_list(client, coach, wethouder):
    SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(coach)
    assert client.get("/intake/werklijst/").status_code == 403
