"""A coordinator plans an intake conversation with the keyboard, finding the attendees among
thirty-odd people by typing part of a name."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import CoachProfileFactory
from intake.tests.factories import SubmittedIntakeFactory
from tests.e2e.conftest import PHONE, SCREENSHOTS, sign_in


def test_coordinator_finds_attendees_by_typing(new_page, a11y):
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", last_name="Kramer"))
    # Names that cannot match the search (random ones could be a Bakker too).
    coaches = [
        CoachProfileFactory(user=UserFactory(role="coach", first_name=f"Anna{n}", last_name=f"Jansen{n}")).user
        for n in range(30)
    ]
    henk = CoachProfileFactory(user=UserFactory(role="coach", first_name="Henk", last_name="Bakker")).user
    intake = SubmittedIntakeFactory(wethouder=UserFactory(role="wethouder"))

    page = new_page()
    sign_in(page, coordinator)
    page.goto(f"/intake/{intake.pk}/coordinatie/")
    people = page.locator("input[name=attendees]")
    expect(people).to_have_count(len(coaches) + 2)
    search = page.get_by_label("Zoek een persoon op naam of rol")
    expect(search).to_be_visible()

    search.fill("bakker")
    expect(page.locator(".form-check:has(input[name=attendees]):visible")).to_have_count(1)
    expect(page.get_by_text("1 van 32 personen getoond", exact=False)).to_be_visible()
    a11y.check(page, "attendee picker, filtered")
    page.locator("#div_id_attendees").screenshot(path=str(SCREENSHOTS / "attendee-picker.png"))
    search.press("Enter")  # stays on the page: the search box does not send the form
    search.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_label("Henk Bakker (Coach)")).to_be_checked()

    search.fill("coordinator")  # without the diaeresis
    visible = page.locator(".form-check:has(input[name=attendees]):visible")
    expect(visible).to_have_count(2)  # Eva, and Henk who is ticked
    search.press("Escape")
    expect(visible).to_have_count(32)
    page.get_by_label("Eva Kramer (Coördinator)").check()

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    planned = timezone.localtime() + datetime.timedelta(days=3)
    page.locator("#id_planned_at").fill(planned.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_mode").select_option("online")
    page.locator("form[action$='/gesprek/plannen/'] button[type=submit]").click()
    page.wait_for_load_state()
    intake.refresh_from_db()
    assert set(intake.conversation.attendees.all()) == {coordinator, henk}
