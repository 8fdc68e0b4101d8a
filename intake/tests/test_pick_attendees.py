"""The attendee picker of the intake conversation: every coordinator and coach with their role,
coordinators first, as checkboxes that work without JavaScript; the filter box above them is
markup the page's own script shows (the browser journey: tests/e2e/test_pick_attendees.py)."""

import re

import pytest

from bestuurderspool.accounts.tests.factories import UserFactory
from intake.models import IntakeConversation
from intake.tests.factories import SubmittedIntakeFactory


def labels(content: str) -> list[str]:
    return [
        " ".join(label.split())
        for label in re.findall(r'<label[^>]*for="id_attendees_\d+"[^>]*>(.*?)</label>', content, re.S)
    ]


def test_pick_attendees_lists_everyone_with_their_role_coordinators_first(client, coordinator, coach, wethouder):
    UserFactory(role="coach", first_name="Ada", last_name="Appel")
    UserFactory(role="coach", first_name="Zeger", last_name="Zwart", is_active=False)
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(coordinator)
    content = client.get(f"/intake/{intake.pk}/coordinatie/").content.decode()
    assert labels(content) == [f"{coordinator} (Coördinator)", "Ada Appel (Coach)", f"{coach} (Coach)"]
    assert content.count('data-filterable="true"') == 3
    assert '<div class="mb-2" data-filter-for="attendees" hidden>' in content
    assert 'src="/static/intake/js/attendee_filter.js"' in content


def test_pick_attendees_without_javascript_saves_the_ticked_people(client, coordinator, coach, other_coach, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(coordinator)
    client.post(
        f"/intake/{intake.pk}/gesprek/plannen/",
        {
            "planned_at": "2030-01-07T10:00",
            "mode": "online",
            "location": "Teams",
            "attendees": [coach.pk, other_coach.pk],
        },
    )
    intake.refresh_from_db()
    assert set(intake.conversation.attendees.all()) == {coach, other_coach}


@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_pick_attendees_page_is_refused_to_others(client, request, db, persona, other_wethouder):
    intake = SubmittedIntakeFactory(wethouder=other_wethouder)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/intake/{intake.pk}/coordinatie/").status_code in (403, 404)
    response = client.post(
        f"/intake/{intake.pk}/gesprek/plannen/", {"planned_at": "2030-01-07T10:00", "mode": "online"}
    )
    assert response.status_code in (403, 404)
    assert not IntakeConversation.objects.filter(intake=intake).exists()
