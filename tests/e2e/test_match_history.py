"""A coordinator reads what happened to a wethouder's matches, on the proposals page and on the
intake page, at phone and desktop width."""

from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.services import matches as services
from coaching.tests.factories import CoachProfileFactory
from intake.tests.factories import ReadyIntakeFactory
from tests.e2e.conftest import SCREENSHOTS, sign_in


def test_coordinator_reads_the_history_of_the_matches(new_page, a11y):
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", last_name="Kramer"))
    carla = CoachProfileFactory(user=UserFactory(role="coach", first_name="Carla", last_name="Visser")).user
    intake = ReadyIntakeFactory(wethouder=UserFactory(role="wethouder", first_name="Fleur", last_name="de Wit"))
    match = services.approve_ranked_coach(intake, coach_id=carla.pk, by=coordinator)
    services.decline_match(match, reason="Te druk dit voorjaar", by=carla)

    page = new_page()
    sign_in(page, coordinator)
    page.goto(f"/coaching/voorstellen/{intake.pk}/")
    history = page.get_by_test_id("match-history")
    expect(history).to_contain_text("Goedgekeurd; de coach wordt gevraagd (Carla Visser)")
    expect(history).to_contain_text("Afgewezen door de coach (Carla Visser): “Te druk dit voorjaar”")
    a11y.check(page, "proposals with the history of the matches")
    history.screenshot(path=str(SCREENSHOTS / "match-history.png"))

    page.get_by_role("link", name="Bekijk de intake").click()
    expect(page.get_by_test_id("match-history")).to_contain_text("door Eva Kramer")
    a11y.check(page, "intake with the history of the matches")
