"""Journey: a new wethouder signs up, chooses only a place in the BLOT, submits the short intake,
sees the waiting list on their home and later asks for a personal coach after all: they answer
the coach's steps the BLOT skipped and submit again, and the coordinators find the intake."""

import re

from django.core import mail
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from intake.models import Intake
from tests.e2e.conftest import confirm, expect_error_summary, screenshot, sign_in
from tracks.models import Application
from tracks.tests.factories import TrackFactory

PASSWORD = "een-sterk-wachtwoord-2026"


def test_a_wethouder_chooses_only_the_blot_and_later_asks_for_a_coach(new_page, a11y):
    track = TrackFactory(name="BLOT 2027")
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", last_name="Jansen"))
    page = new_page()
    page.goto("/accounts/signup/")
    page.locator("#id_first_name").fill("Lotte")
    page.locator("#id_last_name").fill("Bakker")
    page.locator("#id_email").fill("lotte.bakker@example.nl")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"http://[^/]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/")
    page.get_by_role("button", name="Start uw intake").click()

    # Step 1 without the choice: a Dutch error at the field, what was typed stays.
    page.get_by_label("Gemeente").fill("Deventer")
    page.get_by_label("Portefeuille").fill("Cultuur en sport")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect_error_summary(page, "Kies wat u wilt: een persoonlijke coach, een plaats in de BLOT, of allebei.")
    assert page.get_by_label("Portefeuille").input_value() == "Cultuur en sport"
    a11y.check(page, "intake step 1 without the choice")
    page.get_by_label("Een plaats in de BLOT").check()
    page.get_by_label("Lokale partij").fill("Gemeentebelang Deventer")
    page.get_by_label("Geïnstalleerd als wethouder op").fill("2026-05-01")
    page.locator("#id_first_term_0").check()
    page.get_by_role("button", name="Opslaan en verder").click()

    # The coach's steps are skipped: straight to the check, step 2 of 2.
    expect(page.get_by_text("Stap 2 van 2.", exact=False)).to_be_visible()
    expect(page.get_by_test_id("blot-only-note")).to_be_visible()
    a11y.check(page, "check page of the BLOT alone")
    screenshot(page, "intake-blot-only-check")
    page.get_by_label(re.compile("Ik geef de Bestuurderspool toestemming")).check()
    page.get_by_role("button", name="Intake indienen").click()

    # Home: where they stand on the waiting list, and the offer of a personal coach.
    page.wait_for_url("**/")
    expect(page.get_by_test_id("intake-state")).to_have_text("Alleen een plaats in de BLOT")
    expect(page.get_by_test_id("blot-standing")).to_contain_text("U staat op de wachtlijst van BLOT 2027 (nummer 1).")
    a11y.check(page, "wethouder home with the BLOT only")
    screenshot(page, "wethouder-home-blot-only")
    intake = Intake.objects.get(wethouder__email="lotte.bakker@example.nl")
    assert (intake.state, intake.offer) == ("blot_only", "blot")
    assert Application.objects.get(wethouder=intake.wethouder).track == track
    assert [m.to for m in mail.outbox][-1] == ["lotte.bakker@example.nl"]  # the coordinators are not mailed

    page.get_by_role("button", name="Vraag om een persoonlijke coach").click()
    confirm(page, a11y, "ask for a coach: confirmation")

    # The coach's steps, which the BLOT did not need, then the intake submitted again.
    expect(page.get_by_text("Beantwoord de vragen voor uw coach")).to_be_visible()
    page.get_by_label("Publiek optreden en media").check()
    page.get_by_label("Uw vraag in uw eigen woorden").fill("Ik wil leren sturen op de grote opgaven.")
    a11y.check(page, "the coaching question after asking for a coach")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Dinsdagavond").check()
    page.get_by_label("Online").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    assert [m.to for m in mail.outbox][-1] == ["lotte.bakker@example.nl"]  # nobody told before submitting
    page.get_by_label(re.compile("Ik geef de Bestuurderspool toestemming")).check()
    page.get_by_role("button", name="Intake indienen").click()
    page.goto("/")
    expect(page.get_by_test_id("intake-state")).to_have_text("Ingediend")
    expect(page.get_by_test_id("track-application")).to_contain_text("U staat op de wachtlijst van BLOT 2027")
    a11y.check(page, "wethouder home after asking for a coach")
    intake.refresh_from_db()
    assert (intake.state, intake.offer) == ("submitted", "both")
    assert coordinator.email in [address for m in mail.outbox for address in m.to]

    # The coordinators now find the intake on their work list.
    page = new_page()
    sign_in(page, coordinator)
    page.goto("/intake/werklijst/")
    expect(page.get_by_role("link", name=re.compile("Lotte Bakker"))).to_be_visible()
