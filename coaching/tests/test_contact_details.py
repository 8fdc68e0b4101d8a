"""Coach and wethouder see each other's contact details (and the wethouder the coach card) from
the coach's acceptance until the match closes; nobody else, and not before."""

import pytest

from coaching.enums import MatchState
from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory, FormerRoleFactory
from intake.tests.factories import ReadyIntakeFactory

COACH_PHONE = "+31 6 11112222"
WETHOUDER_PHONE = "030 2861111"


@pytest.fixture
def approved_match(wethouder, coach, coordinator):
    profile = CoachProfileFactory(user=coach, phone=COACH_PHONE, bio="Ik luister eerst, en vraag dan door.")
    FormerRoleFactory(coach=profile, description="Financiën en cultuur")
    intake = ReadyIntakeFactory(wethouder=wethouder, phone=WETHOUDER_PHONE)
    return services.approve_ranked_coach(intake, coach_id=coach.pk, by=coordinator)


def _page(client, user, match) -> tuple[int, str]:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(f"/coaching/matches/{match.pk}/")
    return response.status_code, " ".join(response.content.decode().split())


def test_coach_sees_no_contact_details_before_accepting(client, approved_match, coach, wethouder):
    status, text = _page(client, coach, approved_match)
    assert (status, wethouder.email in text, WETHOUDER_PHONE in text) == (200, False, False)


def test_after_accepting_each_side_sees_the_other(client, approved_match, coach, wethouder):
    services.accept_match(approved_match, by=coach)
    status, text = _page(client, coach, approved_match)
    assert (status, f"mailto:{wethouder.email}" in text, WETHOUDER_PHONE in text) == (200, True, True)
    status, text = _page(client, wethouder, approved_match)
    assert (status, f"mailto:{coach.email}" in text, COACH_PHONE in text) == (200, True, True)
    assert "Ik luister eerst, en vraag dan door." in text
    assert "Oud-wethouder Deventer (2010–2018): Financiën en cultuur" in text


def test_no_contact_details_once_the_match_closed(client, approved_match, coach, wethouder):
    services.accept_match(approved_match, by=coach)
    approved_match.refresh_from_db()
    approved_match.state = MatchState.NO_KLIK
    approved_match.save()
    for user, other in ((coach, wethouder), (wethouder, coach)):
        status, text = _page(client, user, approved_match)
        assert (status, f"mailto:{other.email}" in text) == (200, False)


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder", "coordinator", None])
def test_others_never_see_the_contact_details(request, db, client, approved_match, coach, wethouder, persona):
    services.accept_match(approved_match, by=coach)
    user = request.getfixturevalue(persona) if persona else None
    status, text = _page(client, user, approved_match)
    expected_status = {"other_coach": 404, "other_wethouder": 404, "coordinator": 302, None: 302}[persona]
    assert (status, WETHOUDER_PHONE in text, COACH_PHONE in text) == (expected_status, False, False)
