"""Journey 2: a coordinator (signing in with TOTP) plans and records the intake conversation,
sees the ranked proposals with their explanations and approves one; the coach accepts and both
record a klik. For a second wethouder one side says no klik, and a different coach is proposed."""

import datetime

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.models import Match, Trajectory
from coaching.tests.factories import CoachProfileFactory
from intake.tests.factories import ReadyIntakeFactory, SubmittedIntakeFactory
from tests.e2e.conftest import DESKTOP, PHONE, confirm, expect_error_summary, screenshot, sign_in, sign_out


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def submit(page, action_suffix: str) -> None:
    page.locator(f"form[action$='{action_suffix}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def coach_accepts_and_meets(page, match, coach, a11y=None) -> None:
    sign_in(page, coach, a11y)
    page.goto(f"/coaching/matches/{match.pk}/")
    if a11y:
        a11y.check(page, "coach: will you coach this wethouder?")
    submit(page, "/accepteren/")
    page.locator("#id_at").fill(local_input(timezone.now() + datetime.timedelta(hours=1)))
    page.locator("#id_location").fill("Stadhuis")
    submit(page, "/kennismaking/")
    expect(page.get_by_test_id("match-state")).to_have_text("Kennismaking gepland")
    if a11y:
        a11y.check(page, "coach: first meeting planned")
    sign_out(page)


def answer_klik(page, match, user, answer: str, a11y=None) -> None:
    sign_in(page, user)
    page.goto(f"/coaching/matches/{match.pk}/")
    page.locator(f"input[name=klik][value={answer}]").check()
    if a11y:
        a11y.check(page, "the klik question")
    submit(page, "/klik/")
    sign_out(page)


def test_coordinator_matches_two_wethouders_one_klik_one_new_coach(new_page, a11y):
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", email="eva@bestuurderspool.nl"))
    coaches = {p.user_id: p.user for p in [CoachProfileFactory() for _ in range(3)]}
    fleur = UserFactory(role="wethouder", first_name="Fleur", last_name="de Wit")
    first = SubmittedIntakeFactory(wethouder=fleur)
    bram = UserFactory(role="wethouder", first_name="Bram", last_name="Smit")
    second = ReadyIntakeFactory(wethouder=bram)

    page = new_page()
    sign_in(page, coordinator, a11y)
    a11y.check(page, "coordinator home")
    page.goto("/intake/werklijst/")
    a11y.check(page, "intake work list")
    screenshot(page, "coordinator-worklist")
    page.get_by_role("link", name=str(fleur)).click()
    a11y.check(page, "intake for the coordinator")

    # Plan the conversation: a first try in the past is refused on the form.
    page.locator("#id_planned_at").fill(local_input(timezone.now() - datetime.timedelta(days=3)))
    page.locator("#id_mode").select_option("online")
    submit(page, "/gesprek/plannen/")
    expect_error_summary(page, "Plan het gesprek vandaag of later.")
    a11y.check(page, "plan the conversation, with errors")
    page.locator("#id_planned_at").fill(local_input(timezone.now() - datetime.timedelta(hours=2)))
    submit(page, "/gesprek/plannen/")
    page.locator("#id_held_at").fill(local_input(timezone.now() - datetime.timedelta(hours=1)))
    page.locator("#id_notes").fill("Wil vooral steviger staan in de raad.")
    page.locator("#id_ready").check()
    submit(page, "/gesprek/verslag/")
    expect(page.get_by_test_id("intake-state")).to_have_text("Klaar voor matching")

    page.get_by_role("link", name="Voorstellen en match").click()
    proposals = page.get_by_test_id("proposal")
    expect(proposals).to_have_count(3)
    expect(proposals.first).to_contain_text("thema")
    a11y.check(page, "ranked proposals")
    screenshot(page, "proposals")
    page.set_viewport_size(PHONE)
    screenshot(page, "proposals-phone")
    page.set_viewport_size(DESKTOP)
    proposals.first.locator("button[type=submit]").click()
    expect(page.get_by_test_id("confirm-told")).to_contain_text("krijgt een e-mail met het verzoek om te accepteren")
    assert not Match.objects.filter(intake=first).exists()
    confirm(page, a11y, "approve a coach: confirmation")
    match = Match.objects.get(intake=first)
    assert match.state == "approved"
    sign_out(page)

    coach_accepts_and_meets(page, match, coaches[match.coach_id], a11y)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        answer_klik(page, match, coaches[match.coach_id], "yes", a11y)
        answer_klik(page, match, fleur, "yes")
        match.refresh_from_db()
        assert match.state == "klik"
        assert Trajectory.objects.filter(match=match).exists()

        # The second wethouder: the coach says there was no klik.
        sign_in(page, coordinator)
        page.goto(f"/coaching/voorstellen/{second.pk}/")
        page.get_by_test_id("proposal").first.locator("button[type=submit]").click()
        confirm(page)
        sign_out(page)
        no_klik = Match.objects.get(intake=second)
        coach_accepts_and_meets(page, no_klik, coaches[no_klik.coach_id])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=4)):
        answer_klik(page, no_klik, coaches[no_klik.coach_id], "no")
        answer_klik(page, no_klik, bram, "yes")
        sign_in(page, coordinator)
        page.goto(f"/coaching/voorstellen/{second.pk}/")
        no_klik.refresh_from_db()
        proposal = Match.objects.get(intake=second, state="proposed")
        assert no_klik.state == "no_klik"
        assert proposal.coach_id != no_klik.coach_id
        expect(page.get_by_text(f"Voorstel wacht op goedkeuring: {proposal.coach}")).to_be_visible()
        expect(page.get_by_text(f"{no_klik.coach}: Geen klik")).to_be_visible()
        a11y.check(page, "a new coach proposed after no klik")
