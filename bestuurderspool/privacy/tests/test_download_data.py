"""The wethouder's right of access and portability: all their data as JSON and as a readable
page, from the account page, within seconds; never the coach's private working notes."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import ExtensionRequest
from coaching.tests.factories import CoachProfileFactory
from intake.enums import IntakeState
from intake.models import Intake
from tracks.tests.factories import ApplicationFactory

from ..models import AuditEvent
from ..selectors import personal_data
from ..services.erasure import request_erasure
from .factories import superuser
from .history import CANARIES, full_history

pytestmark = pytest.mark.django_db
JSON_URL = reverse("privacy:data_download_json")
HTML_URL = reverse("privacy:data_download")
#: Not in the export: the coach's private working notes, and the match's internal history.
THEIRS = [name for name in CANARIES if name not in ("private_notes", "event_note")]


@pytest.fixture
def history(coach, wethouder, coordinator):
    return full_history(coach, wethouder, coordinator)


def test_the_json_holds_everything_about_them_but_the_coachs_private_notes(client_for, wethouder, history):
    response = client_for(wethouder).get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bestuurderspool-gegevens-')
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    data = json.loads(body)
    assert data["records"][0]["email"] == wethouder.email
    missing = [name for name in THEIRS if CANARIES[name] not in body]
    assert missing == []
    assert CANARIES["private_notes"] not in body
    trajectory = next(r for r in data["records"] if "klik_on" in r)
    evaluation = trajectory["evaluation"][0]
    assert (evaluation["usefulness"], evaluation["klik"], evaluation["change"]) == (4, 5, 3)


def test_the_readable_page_shows_the_same_in_dutch(client_for, wethouder, history):
    response = client_for(wethouder).get(HTML_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert [name for name in THEIRS if CANARIES[name] not in body] == []
    assert CANARIES["private_notes"] not in body
    assert "Samenvatting voor de wethouder" in body or "samenvatting voor de wethouder" in body


def test_each_download_is_recorded_without_content(client_for, wethouder, history):
    client_for(wethouder).get(JSON_URL)
    assert list(AuditEvent.objects.values_list("actor_id", "action", "record_type", "person_id")) == [
        (wethouder.pk, "export", "accounts.user", wethouder.pk)
    ]


@pytest.mark.parametrize("n", [1, 4])
def test_the_download_takes_a_fixed_number_of_queries(
    client_for, wethouder, coordinator, django_assert_max_num_queries, n
):
    for _ in range(n):
        history = full_history(CoachProfileFactory().user, wethouder, coordinator)
        Intake.objects.filter(pk=history.trajectory.match.intake_id).update(state=IntakeState.WITHDRAWN)
    client = client_for(wethouder)
    with django_assert_max_num_queries(28):
        response = client.get(JSON_URL)
    assert len([r for r in json.loads(response.content)["records"] if "klik_on" in r]) == n


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_other_roles_are_refused_and_nothing_is_recorded(request, client_for, persona, history):
    for url in (JSON_URL, HTML_URL):
        assert client_for(request.getfixturevalue(persona)).get(url).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_another_wethouder_gets_only_their_own_data(client_for, other_wethouder, history):
    body = client_for(other_wethouder).get(JSON_URL).content.decode()
    assert [name for name in CANARIES if CANARIES[name] in body] == []
    assert json.loads(body)["records"][0]["email"] == other_wethouder.email


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (JSON_URL, HTML_URL):
        assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_a_superuser_has_no_data_rights_page_of_a_wethouder(client_for):
    assert client_for(superuser()).get(JSON_URL).status_code == 403


def test_the_sections_come_in_a_fixed_order(wethouder, coach, coordinator):
    """Account, intake, match, trajectory, reminders, erasure, requests, then the instruments
    and the group tracks, however the apps register their parts."""
    history = full_history(coach, wethouder, coordinator, ended=False)
    ExtensionRequest.objects.create(
        trajectory=history.trajectory, months=10, sessions=7, requested_by=wethouder, requested_at=timezone.now()
    )
    request_erasure(wethouder)
    ApplicationFactory(wethouder=wethouder)
    kinds = [record.kind for record in personal_data(wethouder)]
    assert [kind for i, kind in enumerate(kinds) if i == 0 or kinds[i - 1] != kind] == [
        "user",
        "intake",
        "match",
        "trajectory",
        "reminder",
        "erasurerequest",
        "extensionrequest",
        "coachchangerequest",
        "learninggoal",
        "forcefieldversion",
        "observationreflection",
        "momenttag",
        "application",
    ]
