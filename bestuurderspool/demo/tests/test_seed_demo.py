import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from bestuurderspool.accounts.models import User
from bestuurderspool.accounts.tests.factories import totp_code
from bestuurderspool.demo.people import DEMO_PASSWORD, DEMO_POOL_TOTP_SECRET, DEMO_TOTP_SECRETS
from coaching.demo import DEMO_CSV
from intake.models import Intake, IntakeConversation


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def demo(db):
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert counts() == first
    assert first["municipalities.Municipality"] == 342
    assert first["intake.Intake"] >= 6


def test_seed_demo_every_coach_can_sign_in_with_the_printed_secrets(demo):
    coaches = list(User.objects.filter(role="coach"))
    assert len(coaches) == len(DEMO_CSV.read_text().splitlines()) - 1
    for coach in coaches:
        assert coach.check_password(DEMO_PASSWORD), coach.email
        assert coach.emailaddress_set.filter(verified=True, primary=True).count() == 1
        totp = TOTP(Authenticator.objects.get(user=coach, type=Authenticator.Type.TOTP))
        secret = DEMO_TOTP_SECRETS.get(coach.email, DEMO_POOL_TOTP_SECRET)
        assert secret in demo
        assert totp.validate_code(totp_code(secret)), coach.email


def test_seed_demo_pool_coach_signs_in_through_the_login_pages(demo, client):
    response = client.post("/accounts/login/", {"login": "marja.dejong@demo-pool.nl", "password": DEMO_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(DEMO_POOL_TOTP_SECRET)})
    assert response["Location"] == "/"
    assert client.get("/").templates[0].name == "home/coach.html"


def test_seed_demo_has_a_ready_intake_whose_proposals_page_shows_coaches(demo, client):
    intake = Intake.objects.get(state="ready_for_matching", matches__isnull=True)
    client.force_login(User.objects.get(email="coordinator@demo.bestuurderspool.nl"))
    response = client.get(f"/coaching/voorstellen/{intake.pk}/")
    assert response.status_code == 200
    assert len(response.context["ranking"]["proposals"]) == 5
    assert response.content.decode().count('data-testid="proposal"') == 5


def test_seed_demo_has_a_blot_only_intake_outside_the_work_list(demo, client):
    intake = Intake.objects.get(wethouder__email="l.bakker@demo.bestuurderspool.nl")
    assert (intake.state, intake.offer, intake.themes) == ("blot_only", "blot", [])
    client.force_login(User.objects.get(email="coordinator@demo.bestuurderspool.nl"))
    assert intake not in client.get("/intake/werklijst/").context["page"]
    client.force_login(intake.wethouder)
    assert f"/intake/{intake.pk}/coach-vragen/" in client.get("/").content.decode()


def test_seed_demo_holds_its_intake_conversations_in_the_past_and_plans_them_ahead(demo):
    """A conversation the demo marks as held took place before today; one still to come is ahead."""
    now = timezone.now()
    conversations = IntakeConversation.objects.select_related("intake")
    held = [c for c in conversations if c.held_at is not None]
    planned = [c for c in conversations if c.held_at is None]
    assert held
    assert planned
    assert all(c.planned_at <= c.held_at <= now and c.intake.submitted_at < c.planned_at for c in held)
    assert all(c.planned_at > now for c in planned)
