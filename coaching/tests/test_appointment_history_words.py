"""An appointment's history speaks Dutch: each thing that happened to it in words, never the key
the portal stores ("rescheduled", "log_edited")."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bestuurderspool.tests.test_dutch_everywhere import visible_text
from coaching.enums import AppointmentAction
from coaching.models import AppointmentChange

pytestmark = pytest.mark.django_db

DUTCH = {
    "rescheduled": "Verzet",
    "cancelled": "Geannuleerd",
    "proposed": "Voorgesteld als extra afspraak",
    "agreed": "Extra afspraak akkoord",
    "declined": "Extra afspraak afgewezen",
    "logged": "Vastgelegd",
    "log_edited": "Verslag aangepast",
}


@pytest.mark.parametrize("persona", ["coach", "wethouder", "coordinator"])
def test_every_change_in_the_history_is_named_in_dutch(session, persona, request, client_for):
    assert set(DUTCH) == set(AppointmentAction.values)
    AppointmentChange.objects.bulk_create(
        AppointmentChange(appointment=session, action=action, by=session.trajectory.coach, at=timezone.now())
        for action in AppointmentAction.values
    )
    page = client_for(request.getfixturevalue(persona)).get(reverse("coaching:appointment_detail", args=[session.pk]))
    history = visible_text(page.content.decode().split('data-testid="history"')[1].split("</ul>")[0])
    for key, words in DUTCH.items():
        assert f": {words} (" in history
        assert key not in history
