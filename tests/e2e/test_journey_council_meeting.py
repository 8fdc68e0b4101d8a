"""Journey: an observation at a council meeting. A coordinator imports the council's calendar of
the wethouder's municipality from a file; the wethouder proposes a meeting from it for the
observation; the coach finds the proposal at home and agrees, and the observation moves there."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.municipalities.models import Municipality
from coaching.tests.factories import trajectory_between
from tests.e2e.conftest import follow_menu, sign_in, sign_out

CALENDAR = Path(__file__).resolve().parents[2] / "councils" / "tests" / "data" / "utrecht-raad.ics"


def test_the_wethouder_proposes_a_council_meeting_and_the_coach_agrees(new_page, a11y):
    coach = with_totp(UserFactory(role="coach", first_name="Henk", last_name="Bakker"))
    wethouder = UserFactory(role="wethouder", first_name="Joris", last_name="Smit")
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva"))
    trajectory = trajectory_between(
        coach,
        wethouder,
        klik_on=timezone.localdate() - datetime.timedelta(days=14),
        observation_settings=("council",),
    )
    intake = trajectory.match.intake
    intake.municipality = Municipality.objects.lookup("Utrecht")
    intake.save(update_fields=["municipality"])
    observation = trajectory.appointments.filter(kind="observation").order_by("on").first()

    # The coordinator imports Utrecht's meeting calendar from a file.
    page = new_page()
    sign_in(page, coordinator)
    follow_menu(page, "Pool", "Raadskalenders")
    page.get_by_role("combobox", name="Gemeente").fill("Utrecht")
    page.get_by_role("button", name="Kalender openen").click()
    page.get_by_label("Of een iCalendar-bestand (.ics)").set_input_files(str(CALENDAR))
    page.get_by_role("button", name="De kalender inlezen").click()
    expect(page.get_by_test_id("meetings")).to_contain_text("Gemeenteraad")
    sign_out(page)

    # The wethouder proposes the council meeting of 28 January for the observation.
    sign_in(page, wethouder)
    page.goto(f"/coaching/afspraken/{observation.pk}/")
    page.get_by_role("link", name="Een vergadering uit de raadskalender voorstellen").click()
    a11y.check(page, "meetings to propose")
    page.get_by_role("button", name=re.compile(r"^Deze vergadering voorstellen ?: Gemeenteraad,")).click()
    expect(page.get_by_role("status")).to_contain_text("U hebt voorgesteld Gemeenteraad te observeren")
    proposal = page.get_by_test_id("open-move-proposal")
    expect(proposal).to_contain_text("Uw voorstel om deze afspraak te verzetten")
    expect(page.get_by_test_id("proposed-date")).to_contain_text("28 januari 2027 19:30")
    expect(page.get_by_role("link", name="Een vergadering uit de raadskalender voorstellen")).to_have_count(0)
    a11y.check(page, "appointment with the proposed meeting")
    sign_out(page)

    # The coach finds the proposal at home and agrees.
    sign_in(page, coach)
    page.get_by_role("link", name="Joris Smit: Observatie").click()
    expect(page.get_by_test_id("move-reason")).to_contain_text("Gemeenteraad")
    page.get_by_role("button", name="Akkoord, verzet de afspraak").click()
    expect(page.get_by_test_id("open-move-proposal")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("28 januari 2027")
    a11y.check(page, "observation moved to the council meeting")
    observation.refresh_from_db()
    assert (observation.on, observation.occasion) == (datetime.date(2027, 1, 28), "Gemeenteraad")
