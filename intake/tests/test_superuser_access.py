"""A superuser is a coordinator in the portal, nothing more: the views check the same rules as
the services (django-rules' own permission set), not `user.has_perm`, which Django answers
"yes" for every superuser. The wethouder's own forms stay the wethouder's."""

import pytest

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from intake.models import Intake
from intake.tests.factories import CompleteIntakeFactory, SubmittedIntakeFactory


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6])
def test_a_superuser_cannot_open_or_save_a_wethouders_draft_step(client, wethouder, superuser, step):
    intake = CompleteIntakeFactory(wethouder=wethouder)
    client.force_login(superuser)
    before = list(Intake.objects.values())
    url = f"/intake/{intake.pk}/stap/{step}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"question": "overgenomen", "consent": "on"}).status_code == 403
    assert list(Intake.objects.values()) == before


def test_a_superuser_without_a_coordinator_role_cannot_start_an_intake(client, superuser):
    client.force_login(superuser)
    assert client.post("/intake/start/").status_code == 403
    assert Intake.objects.count() == 0


def test_a_superuser_still_gets_the_coordinators_pages(client, wethouder, superuser):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(superuser)
    assert client.get("/intake/werklijst/").status_code == 200
    assert client.get(f"/intake/{intake.pk}/coordinatie/").status_code == 200
